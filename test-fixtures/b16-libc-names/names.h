#ifndef NAMES_H
#define NAMES_H

/*
 * The program's own functions and globals that share their names with C
 * library symbols. No header that declares the library's versions is
 * included anywhere in this program.
 *
 * gcc knows log() (and, outside strict ISO mode, index()) as built-ins with
 * other types and warns about a different declaration; the warning is off
 * for these declarations only. With them, gcc treats both as plain
 * functions of the program (no built-in folding of log(2)).
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wbuiltin-declaration-mismatch"
int log(int level);
const char *index(int i);
#pragma GCC diagnostic pop

int error(int code);
int send(int to, int what);

/* glibc: int optind (getopt) and long timezone (tzset), same types */
extern int optind;
extern long timezone;

#endif
