/*
 * What the modules share and hide from anyone else, the way Lua's luaconf.h
 * does it:
 *
 *   #define LUAI_FUNC        __attribute__((visibility("internal"))) extern
 *   #define LUAI_DDEC(dec)   LUAI_FUNC dec
 *   #define LUAI_DDEF        (nothing)
 */
#ifndef INTERNAL_H
#define INTERNAL_H

#define HV_FUNC __attribute__((visibility("hidden"))) extern
#define HV_INTERNAL __attribute__((visibility("internal"))) extern
#define HV_DDEC(dec) HV_FUNC dec
#define HV_DDEF /* empty */

#define HV_NAMES 4

HV_FUNC long hv_step(long value);
HV_INTERNAL const char *hv_tag(void);
HV_DDEC(const char *const hv_names[HV_NAMES]);

#pragma GCC visibility push(hidden)
extern long hv_weights[HV_NAMES];
long hv_weight(long tick);
#pragma GCC visibility pop

#endif
