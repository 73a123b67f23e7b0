/* sin() and lround() from libm: hcr.toml's link = ["-lm"]. */
#include <math.h>

#include "wave.h"

long wave_value(long tick)
{
	return lround(WAVE_AMPLITUDE * sin((double)tick / 2.0));
}
