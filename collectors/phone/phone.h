/* phone.h: the format adapters of collect-phone and what they share: the keys that recognise
 * a call already imported without keeping the caller's number. */
#ifndef PHONE_PHONE_H
#define PHONE_PHONE_H

#include "collect.h"

extern const struct adapter adapter_asterisk;   /* --format ivr: Asterisk Master.csv */
extern const struct adapter adapter_newfies;    /* --format newfies: Newfies-Dialer report */
extern const struct adapter adapter_interview;  /* --format interview: typed by agents */

/*
 * The source id of a call known by its date and the caller's number: the salted hash of
 * "YYYY-MM-DD HH:MM:SS|digits of the number", so that the same call exported again (even with
 * its date or number written differently) gets the same id, and the number is never kept.
 * out holds 65 bytes.
 */
void phone_call_key(const struct import *imp, const struct datetime *dt, const char *number,
                    char out[65]);

#endif
