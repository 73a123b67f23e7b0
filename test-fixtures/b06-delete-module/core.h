#ifndef CORE_H
#define CORE_H

long core_step(long tick);

#endif
