#ifndef WAVE_H
#define WAVE_H

#ifndef WAVE_AMPLITUDE
#error "hcr.toml defines WAVE_AMPLITUDE"
#endif

long wave_value(long tick);

/* One back-end per platform: src/platform_linux.c or src/platform_win.c. */
const char *platform_name(void);

#endif
