/* b21-removed-static: what tools.c offers main.c. */
#ifndef TOOLS_H
#define TOOLS_H

typedef int (*tool_fn)(int x);

tool_fn tools_pointer(void);
int tools_version(void);

#endif
