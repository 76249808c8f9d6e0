/**
 * Flags of the exporters.nats and importers.nats processes. The NATS client allocates two to four
 * times the size of each message while it writes or parses it (1 MB messages: about 3 MB), which V8
 * counts as external memory. After a full GC the old generation may grow only by about 16 MB
 * before the next one starts, so these processes ran a full GC every few messages (most of their
 * CPU on 68 kB events); the young generation's scavenges free that memory just as well. Full GCs
 * are skipped below 64 MB.
 */
export const NATS_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=64'];
