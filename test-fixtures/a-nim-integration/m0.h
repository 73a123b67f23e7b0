#ifndef M0_H
#define M0_H

int get_int(void);

#endif
