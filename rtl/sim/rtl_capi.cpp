// SPDX-License-Identifier: MIT
// rtl_capi.cpp -- the one C++ file of vmmu: wraps the Verilated rtl/sim/sim_top.sv in the
// plain-C API of rtl_capi.h. Everything else in the project is C11.
//
// One VerilatedContext per model, so models are independent (no globals here
// beyond what the Verilator runtime keeps itself). The geometry macros RTL_* are
// the -G parameters of this build, passed by mk/rtl.mk from the same preset table.
//
// Per cycle: inputs, eval with clk low (settle), outputs copied, eval with clk
// high (the edge). Two evals keep "outputs as the edge sees them" exact whatever
// the RTL's outputs depend on; where the generated model shows that they depend on
// registers alone (SETTLE_IDLE below), the settle's eval, which would run nothing,
// is left out unless a waveform is being dumped, and the inputs are driven once, at
// the edge; the edge then runs the clocked logic without Verilator's scheduler around
// it (EDGE_DIRECT below). Everything else is a few stores, so a cycle costs little
// more than the model's clocked logic itself.

#include "rtl_capi.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

#include "Vsim_top.h"
#include "Vsim_top___024root.h"
#include "Vsim_top__Syms.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#if !defined(RTL_VA_BITS) || !defined(RTL_PAGE_BITS) || !defined(RTL_LEVELS) ||     \
    !defined(RTL_LEVEL_BITS) || !defined(RTL_PTE_BYTES) || !defined(RTL_PA_BITS) || \
    !defined(RTL_ASID_BITS) || !defined(RTL_SATP_MODE) || !defined(RTL_SETS) || !defined(RTL_WAYS) ||      \
    !defined(RTL_ITLB_SETS) || !defined(RTL_ITLB_WAYS) || !defined(RTL_PWC_ENTRIES) || \
    !defined(RTL_L2_SETS) || !defined(RTL_L2_WAYS)
#error "build rtl_capi.cpp through mk/rtl.mk: it passes the geometry as RTL_* macros"
#endif

namespace {

constexpr uint64_t mask_of(unsigned bits) { return bits >= 64 ? ~0ULL : ((1ULL << bits) - 1); }

// A request's VA is the whole RV64 address for the presets with 8-byte PTEs.
constexpr unsigned VADDR_BITS = RTL_PTE_BYTES == 8 ? 64 : RTL_VA_BITS;
constexpr unsigned SATP_BITS = (RTL_PTE_BYTES == 8 ? 4 : 1) + RTL_ASID_BITS + RTL_PA_BITS - RTL_PAGE_BITS;
constexpr uint64_t VADDR_MASK = mask_of(VADDR_BITS);
constexpr uint64_t PTE_MASK = mask_of(8 * RTL_PTE_BYTES);
constexpr uint64_t SATP_MASK = mask_of(SATP_BITS);
constexpr uint64_t ASID_MASK = mask_of(RTL_ASID_BITS);

// Can a settle skip its eval? Verilator 5 runs, at an eval, the logic whose trigger
// fired: the clock's edges (its "act" triggers) and, when some logic reads an input
// port combinationally, that logic (an "ico" region with triggers of its own). The
// RTL reads its ports only at the clock's edge (ptw.sv, tlb.sv: outputs are functions
// of registers), so Verilator makes no ico region and one act trigger, posedge clk_i,
// and an eval with the clock low runs nothing: the outputs are those of the last
// edge. All it does is note the clock low, for the next eval to see a rising edge.
// Where the generated model has exactly that shape (5.006's names, checked here at
// compile time), settle() notes it itself and saves an eval a cycle (about 90
// instructions, 6 % of vmsim); any other shape (an input read combinationally, a
// second trigger, another Verilator's names) keeps the eval, as does an open
// waveform, which dumps what an eval leaves.
template <typename...> struct voided { using type = void; };
template <typename R, typename = void> struct has_ico : std::false_type {};
template <typename R>
struct has_ico<R, typename voided<decltype(std::declval<R &>().__VicoTriggered)>::type> : std::true_type {};
template <typename R, typename = void> struct one_clock_trigger : std::false_type {};
template <typename R>
struct one_clock_trigger<R, typename voided<decltype(std::declval<R &>().__Vtrigrprev__TOP__clk_i),
                                            decltype(std::declval<R &>().__VactTriggered)>::type>
    : std::is_same<decltype(std::declval<R &>().__VactTriggered), VlTriggerVec<1>> {};
template <typename R> constexpr bool settle_is_idle()
{
    return one_clock_trigger<R>::value && !has_ico<R>::value;
}
constexpr bool SETTLE_IDLE = settle_is_idle<Vsim_top___024root>();

// What an eval with the clock low does to such a model: note the clock low.
template <typename R>
inline typename std::enable_if<one_clock_trigger<R>::value>::type clock_low(R *r) { r->__Vtrigrprev__TOP__clk_i = 0; }
template <typename R>
inline typename std::enable_if<!one_clock_trigger<R>::value>::type clock_low(R *) {}

// The rising edge of such a model, after a settle that skipped its eval. Verilator's
// eval runs a scheduler around the clocked logic: the act trigger computed (posedge
// clk_i: the settle noted the clock low), the nba region run under it, then both
// loops once more to find that nothing else fired (nothing can: one clock, no input
// read combinationally). For that shape with a single nba trigger the eval is
// exactly: the clock noted high, the nba region run with its trigger set, the
// trigger cleared (as the next eval would), the activity flag the waveform reads
// set. Verilator 5.006's entry point of the region, Vsim_top___024root___eval_nba,
// has external linkage but no header, hence the declaration below; the shape is
// checked at compile time and the version by the preprocessor, and any other model,
// like an open waveform (which wants the settle's eval), keeps the whole eval. The
// scheduler was about 110 instructions a cycle, 7 % of a checked vmsim.
template <typename R, typename = void> struct one_nba_trigger : std::false_type {};
template <typename R>
struct one_nba_trigger<R, typename voided<decltype(std::declval<R &>().__VnbaTriggered)>::type>
    : std::is_same<decltype(std::declval<R &>().__VnbaTriggered), VlTriggerVec<1>> {};
#if defined(VERILATOR_VERSION_INTEGER) && VERILATOR_VERSION_INTEGER == 5006000
} // namespace

void Vsim_top___024root___eval_nba(Vsim_top___024root *vlSelf);

namespace {

constexpr bool EDGE_DIRECT = SETTLE_IDLE && one_nba_trigger<Vsim_top___024root>::value;
template <typename R>
inline typename std::enable_if<one_nba_trigger<R>::value && one_clock_trigger<R>::value>::type
edge_direct(R *r)
{
    r->clk_i = 1;
    r->__Vtrigrprev__TOP__clk_i = 1;
    r->__VnbaTriggered.at(0) = true;
    Vsim_top___024root___eval_nba(r);
    r->__VnbaTriggered.at(0) = false;
    r->vlSymsp->__Vm_activity = true;
}
template <typename R>
inline typename std::enable_if<!(one_nba_trigger<R>::value && one_clock_trigger<R>::value)>::type
edge_direct(R *) {}
#else
constexpr bool EDGE_DIRECT = false;
template <typename R> inline void edge_direct(R *) {}
#endif

// The ports. Verilator 5's Vsim_top holds each as a reference to a member of its
// root, one more load per access; the root's own members are the same ports under
// the same names (used where the root has them: checked at compile time).
template <typename T>
inline auto ports_of(T *t, int) -> decltype(&t->rootp->req_valid_i, t->rootp)
{
    return t->rootp;
}
template <typename T> inline T *ports_of(T *t, long) { return t; }

} // namespace

/* Invariants: ctx and top are non-NULL for the model's life; fst is non-NULL
 * exactly after a successful rtl_waves_open(); the context's time is
 * 10 * cycles ns at a settle and 5 ns more at the edge, in ticks of its time
 * precision (ticks_per_ns per ns), so it only grows. */
struct rtl_model {
    VerilatedContext *ctx; // owns time and the assertion/finish state
    Vsim_top *top;         // the Verilated sim_top
    VerilatedFstC *fst;    // open waveform, or NULL
    int waves_on;          // dump window open
    uint64_t cycles;       // cycles since reset
    uint64_t ticks_per_ns; // 10^(-9 - timeprecision): 1000 for 1ns/1ps
    const rtl_in *deferred; // rtl_settle()'s inputs, for rtl_edge() to drive, or NULL
    int skipped;           // the last settle skipped its eval (SETTLE_IDLE)
};

namespace {

// A failed assertion has set the context's finish flag (fatalOnError is off, so
// Verilator printed the message and returned instead of aborting): stop here with
// a readable waveform and a non-zero exit.
[[noreturn]] void stop_on_assert(rtl_model *m)
{
    std::fflush(stdout);
    std::fprintf(stderr, "rtl: assertion failed at cycle %llu (message above); stopping\n",
                 static_cast<unsigned long long>(m->cycles));
    if (m->fst) {
        m->fst->close();
        std::fprintf(stderr, "rtl: waveform closed; it ends at this cycle\n");
    }
    std::exit(EXIT_FAILURE);
}

inline void dump(rtl_model *m, uint64_t t)
{
    if (m->waves_on && m->fst)
        m->fst->dump(t);
}

// Whether a settle now may skip its eval: a model that runs nothing then, and no
// open waveform to dump what the eval leaves.
inline bool settle_idle(const rtl_model *m) { return SETTLE_IDLE && !(m->waves_on && m->fst); }

// The first half of a cycle, with the inputs already applied to top: the logic
// settles with the clock low; outputs copied to *out if non-NULL.
inline void settle(rtl_model *m, rtl_out *out)
{
    Vsim_top *t = m->top;
    t->clk_i = 0;
    m->skipped = settle_idle(m);
    if (m->skipped) {
        clock_low(t->rootp);
    } else {
        m->ctx->time(m->cycles * 10 * m->ticks_per_ns);
        t->eval();
        if (m->ctx->gotFinish())
            stop_on_assert(m);
    }
    if (out) {
        auto *p = ports_of(t, 0);
        out->req_ready = p->req_ready_o;
        out->rsp_valid = p->rsp_valid_o;
        out->rsp_paddr = p->rsp_paddr_o;
        out->rsp_hit = p->rsp_hit_o;
        out->rsp_fault = p->rsp_fault_o;
        out->mem_req = p->mem_req_o;
        out->mem_we = p->mem_we_o;
        out->mem_addr = p->mem_addr_o;
        out->mem_wdata = p->mem_wdata_o;
    }
}

// The second half: the settled cycle dumped, then its rising edge.
inline void edge(rtl_model *m)
{
    Vsim_top *t = m->top;
    const uint64_t t0 = m->cycles * 10 * m->ticks_per_ns;
    dump(m, t0);
    m->ctx->time(t0 + 5 * m->ticks_per_ns);
    if (EDGE_DIRECT && m->skipped) {
        edge_direct(t->rootp);
    } else {
        t->clk_i = 1;
        t->eval();
    }
    if (m->ctx->gotFinish())
        stop_on_assert(m);
    dump(m, t0 + 5 * m->ticks_per_ns);
    m->cycles++;
}

// The inputs that change between accesses, not within one (satp .. inval_vaddr).
template <typename P> inline void drive_controls(P *t, const rtl_in *in)
{
    t->ctl_satp_i = in->satp & SATP_MASK;
    t->ctl_sum_i = in->sum & 1;
    t->ctl_mxr_i = in->mxr & 1;
    t->ctl_ad_fault_i = in->ad_fault & 1;
    t->ctl_pmem_i = in->pmem;
    t->ctl_tlb_policy_i = in->tlb_policy & 3;
    t->ctl_itlb_policy_i = in->itlb_policy & 3;
    t->ctl_l2_policy_i = in->l2_policy & 3;
    t->ctl_inval_i = in->inval & 1;
    t->ctl_inval_mode_i = in->inval_mode & 3;
    t->ctl_inval_asid_i = in->inval_asid & ASID_MASK;
    t->ctl_inval_vaddr_i = in->inval_vaddr & VADDR_MASK;
}

// This cycle's inputs, onto the model's ports (the controls unless held: rtl_capi.h).
inline void drive(rtl_model *m, const rtl_in *in)
{
    auto *t = ports_of(m->top, 0);
    t->rst_ni = !(in->rst & 1);
    t->req_valid_i = in->req_valid & 1;
    t->req_vaddr_i = in->req_vaddr & VADDR_MASK;
    t->req_kind_i = in->req_kind & 3;
    t->req_priv_i = in->req_priv & 1;
    t->mem_rvalid_i = in->mem_rvalid & 1;
    t->mem_rdata_i = in->mem_rdata & PTE_MASK;
    t->mem_err_i = in->mem_err & 1;
    if (!in->hold)
        drive_controls(t, in);
    // The OS annotations drive nothing but the waveform.
    if (m->fst) {
        t->os_event_i = in->os_event & 7;
        t->os_frame_i = in->os_frame;
        t->os_access_i = in->os_access;
    }
}

} // namespace

extern "C" {

rtl_model *rtl_new(void)
{
    rtl_model *m = new (std::nothrow) rtl_model();
    if (!m)
        return nullptr;
    m->ctx = new (std::nothrow) VerilatedContext;
    if (!m->ctx) {
        delete m;
        return nullptr;
    }
    // Return from a failed assertion instead of abort(), so stop_on_assert() can
    // close the waveform first.
    m->ctx->fatalOnError(false);
    // Tracing must be allowed before the model is built; dumping stays off until
    // rtl_waves_open() and rtl_waves_enable().
    m->ctx->traceEverOn(true);
    m->top = new (std::nothrow) Vsim_top{m->ctx, "TOP"};
    if (!m->top) {
        delete m->ctx;
        delete m;
        return nullptr;
    }
    int prec = m->ctx->timeprecision(); // e.g. -12 for 1ps
    m->ticks_per_ns = 1;
    for (int p = -9; p > prec; p--)
        m->ticks_per_ns *= 10;

    // Reset: two cycles with every input at 0 and rst_ni low, at time 0 (before
    // any wave window can be open).
    Vsim_top *t = m->top;
    t->rst_ni = 0;
    t->clk_i = 0;
    t->eval();
    for (int i = 0; i < 2; i++) {
        t->clk_i = 0;
        t->eval();
        t->clk_i = 1;
        t->eval();
    }
    if (m->ctx->gotFinish())
        stop_on_assert(m);
    t->rst_ni = 1;
    m->cycles = 0;
    return m;
}

void rtl_geometry_get(const rtl_model *m, rtl_geometry *g)
{
    (void)m; // every model of one build has the build's geometry
    g->va_bits = RTL_VA_BITS;
    g->page_bits = RTL_PAGE_BITS;
    g->levels = RTL_LEVELS;
    g->level_bits = RTL_LEVEL_BITS;
    g->pte_bytes = RTL_PTE_BYTES;
    g->pa_bits = RTL_PA_BITS;
    g->asid_bits = RTL_ASID_BITS;
    g->satp_mode = RTL_SATP_MODE;
    g->sets = RTL_SETS;
    g->ways = RTL_WAYS;
    g->itlb_sets = RTL_ITLB_SETS;
    g->itlb_ways = RTL_ITLB_WAYS;
    g->pwc_entries = RTL_PWC_ENTRIES;
    g->l2_sets = RTL_L2_SETS;
    g->l2_ways = RTL_L2_WAYS;
}

void rtl_cycle(rtl_model *m, const rtl_in *in, rtl_out *out)
{
    drive(m, in);
    settle(m, out);
    edge(m);
}

void rtl_settle(rtl_model *m, const rtl_in *in, rtl_out *out)
{
    // A settle that skips its eval reads no input (SETTLE_IDLE): the inputs are
    // driven once, by rtl_edge(), instead of twice a cycle.
    if (settle_idle(m))
        m->deferred = in;
    else
        drive(m, in);
    settle(m, out);
}

void rtl_edge(rtl_model *m, const rtl_in *in)
{
    const rtl_in *d = in ? in : m->deferred;
    m->deferred = nullptr;
    if (d)
        drive(m, d);
    // Verilator settles logic fed by changed inputs before it makes the clock's edge
    // in one eval, so the edge samples these inputs either way; an open waveform must
    // show the cycle as an eval with the clock low leaves it, hence a second settle
    // there only: for inputs changed since the settle, or a settle that skipped its
    // eval (the window opened since).
    if (m->waves_on && m->fst && (in || m->skipped))
        settle(m, nullptr);
    edge(m);
}

uint64_t rtl_cycles(const rtl_model *m) { return m->cycles; }

int rtl_waves_open(rtl_model *m, const char *fst_path)
{
    if (m->fst) {
        errno = EBUSY;
        return -1;
    }
    // FST opens its file without reporting why it failed; probe it first so errno
    // is the real reason (a missing directory, no permission).
    std::FILE *probe = std::fopen(fst_path, "wb");
    if (!probe)
        return -1;
    std::fclose(probe);
    VerilatedFstC *fst = new (std::nothrow) VerilatedFstC;
    if (!fst) {
        errno = ENOMEM;
        return -1;
    }
    m->top->trace(fst, 99); // every level of hierarchy
    fst->open(fst_path);
    if (!fst->isOpen()) {
        delete fst;
        errno = EIO;
        return -1;
    }
    m->fst = fst;
    m->waves_on = 0;
    return 0;
}

void rtl_waves_enable(rtl_model *m, int on)
{
    m->waves_on = on != 0;
    if (!m->waves_on && m->fst)
        m->fst->flush();
}

void rtl_free(rtl_model *m)
{
    if (!m)
        return;
    m->top->final();
    if (m->fst) {
        m->fst->close();
        delete m->fst;
    }
    delete m->top;
    delete m->ctx;
    delete m;
}

} // extern "C"
