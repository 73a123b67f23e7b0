#ifndef M2_H
#define M2_H

extern const int c_2[3];

int len_2(void);

#endif
