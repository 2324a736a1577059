/**
 * Runs the local provider server for manual use and the browser test:
 *   node --import tsx testing/ai-server/main.ts --port 8787
 * then ANTHROPIC_BASE_URL=http://127.0.0.1:8787 (or OPENAI_BASE_URL=http://127.0.0.1:8787/v1).
 */
import { parseArgs } from 'node:util';
import { startAiServer } from './server.ts';
import { SMART_HANDLERS } from './smart.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, got '${values.port}'.\n`);
  process.exit(2);
}
const server = await startAiServer({ host: values.host, port, smart: SMART_HANDLERS });
process.stdout.write(`Local AI server on ${server.url}\n  ANTHROPIC_BASE_URL=${server.anthropicBaseURL}\n  OPENAI_BASE_URL=${server.openaiBaseURL}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
