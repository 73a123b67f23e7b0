#ifndef CHECKSUM_H
#define CHECKSUM_H

#include <stddef.h>

/* Writes the tick's line, from `crc32` on, into buf. */
void checksum_line(char *buf, size_t size, long tick);

#endif
