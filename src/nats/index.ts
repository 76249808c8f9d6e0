export { runSender } from './sender/run-sender.js';
export { runReceiver } from './receiver/run-receiver.js';
