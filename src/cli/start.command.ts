import { createApp, type AppOptions } from '../app';
import { loadConfig } from '../config';
import type { CliCommand } from './command';

/** `frontdesk start`: the HTTP server with every configured channel; stops gracefully on SIGTERM/SIGINT. */
export function startCommand(plugins: Pick<AppOptions, 'channelFactories' | 'extensions' | 'dialogs' | 'catalog' | 'codeSender'>): CliCommand {
  return async (_args, io) => {
    const config = loadConfig(io.env, io.cwd);
    const app = await createApp(config, plugins);
    const port = await app.start();
    io.stdout.write(`Frontdesk listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (web chat at /, health at /healthz)\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        resolve();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    await app.stop();
    return 0;
  };
}
