/* zlib's crc32() and adler32() of a text made from the tick. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "checksum.h"

static void checksum_text(char *buf, size_t size, long tick)
{
	snprintf(buf, size, "hcr %ld", tick);
}

void checksum_line(char *buf, size_t size, long tick)
{
	char text[64];
	uLong crc = crc32(0L, Z_NULL, 0);
	uLong adler = adler32(0L, Z_NULL, 0);

	checksum_text(text, sizeof(text), tick);
	crc = crc32(crc, (const Bytef *)text, (uInt)strlen(text));
	adler = adler32(adler, (const Bytef *)text, (uInt)strlen(text));
	snprintf(buf, size, "crc32 %08lx adler32 %08lx of \"%s\"", crc, adler, text);
}
