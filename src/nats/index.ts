export { runSender } from './sender/run-sender.js';
export { runReceiver } from './receiver/run-receiver.js';
export {
  resolveNatsConfig,
  type NatsConfigInput,
  type NatsConfigProblem,
  type ResolvedNatsConfig,
} from './config.js';
