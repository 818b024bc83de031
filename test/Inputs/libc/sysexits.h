/* Mock <sysexits.h>: the exit statuses of sysexits(3). */
#ifndef MOCK_SYSEXITS_H
#define MOCK_SYSEXITS_H
#define EX_OK 0
#define EX_USAGE 64
#define EX_SOFTWARE 70
#define EX_OSERR 71
#endif
