#ifndef RING_H
#define RING_H

int ring_len(void);
long ring_tick(void);

#endif
