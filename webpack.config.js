// Builds the Excel task pane (addin/index.tsx) into dist/addin/.
//
// Environment:
//   ADDIN_PUBLIC_URL  production origin of the pane (e.g. https://demo-data.example.com); replaces the
//                     development URL https://localhost:3000 in dist/addin/manifest.xml.
//   OFFICE_JS_LOCAL=1 copy office.js from the npm package into the build and load it from there
//                     instead of Microsoft's CDN (the browser test runs without the internet).
//   ADDIN_OUT_DIR     output folder (default dist/addin; the browser test builds into a temporary one).
//   SERVICE_URL       where the dev server proxies /api (default http://localhost:8080).
//   DEV_PORT          dev server port (default 3000, the port written in manifest.xml).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { EsbuildPlugin } from 'esbuild-loader';

const root = path.dirname(fileURLToPath(import.meta.url));
const DEV_URL = 'https://localhost:3000';
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_DIR = path.join(root, 'node_modules/@microsoft/office-js/dist');
// What office.js fetches next to itself when it starts outside or inside Excel; the other 270
// files of the package (other hosts, debug builds, 80 locales) stay out of the build.
const OFFICE_JS_FILES = ['office.js', 'o15apptofilemappingtable.js', 'excel-web-16.00.js', 'excel-web-16.00-core.js'];

function publicUrl() {
  const raw = (process.env.ADDIN_PUBLIC_URL ?? '').trim().replace(/\/+$/, '');
  if (raw === '') return DEV_URL;
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(raw)) {
    throw new Error(`ADDIN_PUBLIC_URL must be an https URL such as https://demo-data.example.com (got "${raw}").`);
  }
  return raw;
}

/** @returns {import('webpack').Configuration} */
export default (_env, argv) => {
  const production = argv.mode === 'production';
  const officeJsLocal = process.env.OFFICE_JS_LOCAL === '1';
  const target = publicUrl();
  const port = Number(process.env.DEV_PORT ?? 3000);

  return {
    mode: production ? 'production' : 'development',
    context: root,
    entry: { taskpane: './addin/index.tsx' },
    output: {
      path: path.resolve(root, process.env.ADDIN_OUT_DIR ?? 'dist/addin'),
      filename: production ? 'assets/[name].[contenthash:10].js' : 'assets/[name].js',
      chunkFilename: production ? 'assets/[name].[contenthash:10].js' : 'assets/[name].js',
      assetModuleFilename: 'assets/[name].[contenthash:10][ext]',
      // Relative, so the same build works at the service's root and under any path prefix.
      publicPath: '',
      clean: true,
    },
    devtool: production ? false : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
    },
    module: {
      rules: [
        {
          test: /\.[cm]?tsx?$/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic', tsconfig: path.join(root, 'addin/tsconfig.json') },
        },
        { test: /\.png$/, type: 'asset/resource' },
      ],
    },
    optimization: {
      minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })],
      splitChunks: { chunks: 'all', cacheGroups: { vendor: { test: /node_modules/, name: 'vendor' } } },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './addin/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJs: officeJsLocal ? 'office/office.js' : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString('utf8').replaceAll(DEV_URL, target),
          },
          ...(officeJsLocal
            ? OFFICE_JS_FILES.map((file) => ({ from: path.join(OFFICE_JS_DIR, file), to: `office/${file}` })).concat([
                { from: path.join(OFFICE_JS_DIR, 'en-us'), to: 'office/en-us' },
              ])
            : []),
        ],
      }),
    ],
    devServer: {
      port,
      // webpack-dev-server generates a self-signed certificate (kept in node_modules/.cache); trust it
      // once as addin/README.md describes so Excel loads the pane.
      server: 'https',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      proxy: [{ context: ['/api', '/health'], target: process.env.SERVICE_URL ?? 'http://localhost:8080', changeOrigin: true }],
      client: { overlay: { warnings: false } },
    },
  };
};
