/* b20-pointer-chain: what chain.c offers main.c. */
#ifndef CHAIN_H
#define CHAIN_H

typedef int (*chain_fn)(void);

chain_fn chain_pointer(void);

#endif
