// SPDX-License-Identifier: MIT
// coverage_hook.cpp -- saves each Verilated model's coverage counters (make coverage,
// mk/coverage.mk) without a line of the C API changing.
//
// Only the coverage builds (build/cov/<cfg>/) archive this file, and their programs link
// with -Wl,--wrap=rtl_new,--wrap=rtl_free, so the program's calls land here first. The
// counters live in each model's own VerilatedContext (rtl_capi.cpp makes one per
// model), which the C API does not expose; the context a model was built in is the
// thread's current one right after rtl_new (Verilator's context constructor sets it).
// Each model's counters are written when it is freed, or at exit for a model never
// freed (a run stopped by an RTL assertion), to $VMMU_COVERAGE_DIR/<pid>-<n>.dat: one
// file per model run, so make coverage can tell a bit that toggled both ways in one
// run from two runs that each toggled it once.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "rtl_capi.h"
#include "verilated.h"
#include "verilated_cov.h"

extern "C" rtl_model *__real_rtl_new(void);
extern "C" void __real_rtl_free(rtl_model *m);

namespace {

struct live_model {
    rtl_model *m;
    VerilatedContext *ctx;
};

// The live models of this process (a test may hold several) and the files written.
// Process-wide by nature: atexit has no argument to carry them.
std::vector<live_model> g_live;
unsigned long g_written;
bool g_exit_hook;

void save(VerilatedContext *ctx)
{
    const char *dir = std::getenv("VMMU_COVERAGE_DIR");
    if (!dir || !*dir) {
        if (g_written++ == 0)
            std::fprintf(stderr,
                         "rtl coverage: VMMU_COVERAGE_DIR is not set: counters not saved\n");
        return;
    }
    char path[4096];
    std::snprintf(path, sizeof path, "%s/%ld-%lu.dat", dir, static_cast<long>(getpid()),
                  g_written++);
    ctx->coveragep()->write(path);
}

void save_all_at_exit()
{
    for (const live_model &l : g_live)
        save(l.ctx);
    g_live.clear();
}

} // namespace

extern "C" rtl_model *__wrap_rtl_new(void)
{
    rtl_model *m = __real_rtl_new();
    if (!m)
        return m;
    if (!g_exit_hook)
        g_exit_hook = std::atexit(save_all_at_exit) == 0;
    g_live.push_back({m, Verilated::threadContextp()});
    return m;
}

extern "C" void __wrap_rtl_free(rtl_model *m)
{
    for (auto it = g_live.begin(); it != g_live.end(); ++it) {
        if (it->m == m) {
            save(it->ctx);
            g_live.erase(it);
            break;
        }
    }
    __real_rtl_free(m);
}
