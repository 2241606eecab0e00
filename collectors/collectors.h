/* collectors.h: the format table of each collector (collectors.c), and the list of the three
 * collectors, so that a file given to the wrong one is refused naming the program that reads it,
 * and so that survey-admin can read any export. */
#ifndef COLLECTORS_COLLECTORS_H
#define COLLECTORS_COLLECTORS_H

#include "collect.h"

extern const struct adapter *const paper_adapters[];
extern const struct adapter *const online_adapters[];
extern const struct adapter *const phone_adapters[];

/* collect-paper, collect-online, collect-phone; ends with { NULL, NULL }. */
extern const struct collector all_collectors[];

#endif
