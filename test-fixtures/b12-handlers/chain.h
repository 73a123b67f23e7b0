/* b12-handlers: the uses chain main -> mid -> gone -> leaf. */
#ifndef CHAIN_H
#define CHAIN_H

long leaf_value(void);
long gone_value(void);
long mid_value(void);

#endif
