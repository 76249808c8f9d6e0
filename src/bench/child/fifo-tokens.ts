/** Ends the reference probe's token stream (token values are event numbers, far below it). */
export const FIFO_END_TOKEN = 0xffffffff;

/** Tokens per read: every token already waiting, up to 4096 bytes (PIPE_BUF), as the buffers do. */
export const FIFO_READ_TOKENS = 1024;
