#ifndef EXTRA_H
#define EXTRA_H

long extra_tick(long tick);

#endif
