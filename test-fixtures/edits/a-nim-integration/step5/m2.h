#ifndef M2_H
#define M2_H

int f_2(void);

#endif
