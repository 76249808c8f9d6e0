/**
 * Flags of the exporters.nats and importers.nats processes. The NATS client allocates two to four
 * times a message's size while it writes or parses it (about 3 MB for a 1 MB message), as
 * ArrayBuffers that V8 counts as external memory. Once a process has had a full GC (every worker
 * has, while it loads), the next one starts when the old generation and the external memory
 * allocated since have grown by about 16 MB: these processes ran a full GC every four or five
 * messages, most of their CPU for 68 kB events, although the buffers die young and scavenges free
 * them. With this flag V8 skips full GCs while the old generation is below 64 MB.
 */
export const NATS_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=64'];
