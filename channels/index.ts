import type { AppExtension, ChannelFactory } from '../src/app';
import { runClassifyCommand } from '../src/cli/classify.command';
import { runEvalClassifyCommand } from '../src/cli/eval-classify.command';
import { runEvalKbCommand } from '../src/cli/eval-kb.command';
import { evalConversationsCommand } from '../src/cli/eval-conversations.command';
import { runEvalPriorityCommand } from '../src/cli/eval-priority.command';
import { dialogEntries } from '../dialogs';
import { runKbCommand } from '../src/cli/kb.command';
import type { CliCommand } from '../src/cli/command';
import type { CliPlugins } from '../src/cli/main';
import { runTrainCommand } from '../src/cli/train.command';
import { runAgentsCommand } from '../src/cli/agents.command';
import { runBackupCommand, runRestoreCommand } from '../src/cli/backup.command';
import { runIncidentsCommand } from '../src/incidents/incidents.command';
import { runBroadcastCommand } from '../src/cli/broadcast.command';
import { runReportCommand } from '../src/cli/report.command';
import { runTicketsCommand } from '../src/cli/tickets.command';
import { runTokensCommand } from '../src/cli/tokens.command';
import { runWebhooksCommand } from '../src/cli/webhooks.command';
import { runManifestCommand as runSlackManifestCommand } from './slack/manifest.command';
import { createSlackChannel, slackConfigFrom } from './slack/slack.channel';
import { slackAgentsExtension } from './slack/slack-agents';
import { createEmailChannel } from './email/email.channel';
import { emailConfigFrom } from './email/email.config';
import { createCodeMailer } from './email/code-mailer';
import { catalogEntries } from '../dialogs/catalog';
import { runTeamsManifestCommand } from './teams/manifest/manifest.command';
import { createTeamsChannel, teamsChannelConfigFrom } from './teams/teams.channel';
import { runBenchCommand } from './bench.command';
import { createFeishuChannel, feishuConfigFrom } from './feishu/feishu.channel';
import { feishuAgentsExtension } from './feishu/feishu-agents';
import { teamsAgentsExtension } from './teams/teams-agents';
import { runFeishuManifestCommand } from './feishu/manifest.command';
import { runChatCommand } from './terminal/chat.command';
import { createWebchatChannel, webchatConfigFrom } from './webchat/webchat.channel';
import { createWecomChannel, wecomConfigFrom } from './wecom/wecom.channel';
import { wecomExtension } from './wecom/wecom-agents';
import { runWecomManifestCommand } from './wecom/manifest.command';

/** Every channel the configuration can switch on. */
export const channelFactories: ChannelFactory[] = [
  (config) => (config.channels.webchat ? createWebchatChannel(webchatConfigFrom(config)) : null),
  (config) => (config.channels.slack ? createSlackChannel(slackConfigFrom(config)) : null),
  (config) => (config.channels.teams ? createTeamsChannel(teamsChannelConfigFrom(config)) : null),
  (config) => (config.channels.email ? createEmailChannel(emailConfigFrom(config)) : null),
  (config) => (config.channels.feishu ? createFeishuChannel(feishuConfigFrom(config)) : null),
  (config) => (config.channels.wecom ? createWecomChannel(wecomConfigFrom(config)) : null),
];

/** The request catalog and the sender of one-time codes (self-service runs when LDAP_URL is set). */
export const catalog = catalogEntries;
export const codeSender = createCodeMailer;

/** Background parts that need a channel: the tier-2 agents of Slack, Feishu and WeCom. */
export const extensions: AppExtension[] = [slackAgentsExtension, feishuAgentsExtension, wecomExtension, teamsAgentsExtension];

/** `eval kb` / `eval classify`. */
const runEvalCommand: CliCommand = async (args, io) => {
  const [what, ...rest] = args;
  if (what === 'kb') return runEvalKbCommand(rest, io);
  if (what === 'classify') return runEvalClassifyCommand(rest, io);
  if (what === 'conversations') return evalConversationsCommand(dialogEntries)(rest, io);
  if (what === 'priority') return runEvalPriorityCommand(rest, io);
  io.stderr.write('Usage: frontdesk eval kb|classify [--eval-dir DIR] | eval conversations [--dir DIR] [--only ID] [--failures] | eval priority [--data FILE]\n');
  return 1;
};

/** `manifest slack` / `manifest teams` / `manifest feishu`. */
const runManifestCommand: CliCommand = async (args, io) => {
  if (args[0] === 'slack') return runSlackManifestCommand(args, io);
  if (args[0] === 'teams') return runTeamsManifestCommand(args, io);
  if (args[0] === 'feishu') return runFeishuManifestCommand(args, io);
  if (args[0] === 'wecom') return runWecomManifestCommand(args, io);
  io.stderr.write('Usage: frontdesk manifest slack [--socket] [--format json|yaml] | manifest teams [--out DIR] | manifest feishu [--lark] [--websocket] | manifest wecom\n');
  return 1;
};

/** Commands beyond `start`: the composition root hands them to the CLI. */
export const commands: CliPlugins['commands'] = {
  chat: runChatCommand,
  classify: runClassifyCommand,
  train: runTrainCommand,
  kb: runKbCommand,
  eval: runEvalCommand,
  manifest: runManifestCommand,
  agents: runAgentsCommand,
  bench: runBenchCommand,
  incidents: runIncidentsCommand,
  report: runReportCommand,
  tickets: runTicketsCommand,
  tokens: runTokensCommand,
  webhooks: runWebhooksCommand,
  broadcast: runBroadcastCommand,
  backup: runBackupCommand,
  restore: runRestoreCommand,
};
