/* The tick loop's helpers, compiled into both programs. */
#ifndef TICKS_H
#define TICKS_H

long ticks_arg(int argc, char **argv, int i, long def);
void ticks_sleep(long ms);

#endif
