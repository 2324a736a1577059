/** `conf/daemon.json` for one run: one file datasource, exactly this run's files. */

export interface DaemonConfigInput {
  pushUrl: string;
  appId: string;
  /** Absolute paths of the files to send; used as literal patterns so nothing else matches. */
  files: string[];
  httpTimeoutMs?: number;
}

export function daemonConfig(input: DaemonConfigInput): object {
  return {
    push_url: input.pushUrl.replace(/\/+$/, ''),
    // Leave a core for the machine, and stop before the disk fills.
    cpu_limit: 1,
    min_disk_free_space: 1024 * 1024 * 1024,
    datasource: [
      {
        type: 'file',
        app_id: input.appId,
        file_patterns: input.files,
        // Generated files already carry a deterministic #uuid.
        add_uuid: false,
        // No unit_remove/offset_remove: uploaded files belong to the run directory and stay.
      },
    ],
    http_compress: 'gzip',
    http_timeout: `${Math.round((input.httpTimeoutMs ?? 60_000) / 1000)}s`,
  };
}
