// SPDX-License-Identifier: MIT
/* interrupt.h — SIGINT and SIGTERM end a run early but cleanly: the access loop
 * stops, the statistics so far are printed marked partial, and the exit status is
 * 128 + the signal (130, 143).  The one piece of global state in the harness, as a
 * signal handler needs; the model has none. */
#ifndef VMMU_INTERRUPT_H
#define VMMU_INTERRUPT_H

/* Installs the handlers (without SA_RESTART, so a blocked read returns). */
void interrupt_install(void);

/* The signal that arrived, or 0. */
int interrupt_signal(void);

#endif
