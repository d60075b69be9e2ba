# SPDX-License-Identifier: MIT
# tools/plots.gp -- draws one of vmmu's plots from the tables tools/plotdata.py writes.
# Called by tools/plots.sh as
#   gnuplot -e "which='faults'; out='x.png'; dat='x.dat'; titles='\"fifo\" ...'; ..." tools/plots.gp
# Variables: which (faults | tlb | tlbpol | scatter | walks | misscost), out, dat, titles (the index blocks'
# names, quoted words), ttl (the plot's title); faults also adat, atitles, attl, fmax,
# ylog; tlb emin, emax; tlbpol emin, emax, policies, hmin (one a panel), same (one a
# panel: the sizes where every policy is equal, or -); scatter accesses, ymax, ymode (page | rank), yticks, breaks;
# walks cmax, ymax, rots, kinds; misscost scfgs, thps, panels, pwcs, l2s, pwc_at,
# l2_at, wmin, wmax.  Each is what tools/plotdata.py printed.
# settings, when given and not empty: after each panel, gnuplot's own account of its
# settings (save set) goes to SETTINGS-PANEL.gp (PANEL: faults-1, faults-2, tlb,
# tlbpol-1..N, scatter, walks-1..N, misscost-1..N), so the axes a PNG was drawn with can be read (and checked).

# small=yes (tools/plots.sh --small yes): gnuplot's libgd png terminal, a palette of
# 256 colours and no anti-aliasing, a fifth of pngcairo's bytes (for docs/img); its
# colours take no transparency, so a pale line there is simply a light one.
tn = (exists("small") && small eq "yes") ? "png" : "pngcairo"
set terminal @tn size 1400,860 enhanced font "DejaVu Sans,12" linewidth 1.5
set output out
set encoding utf8
set grid lc rgb "#dddddd" lw 1
set key outside right top box opaque
set tics out nomirror
set border 3

# One colour per frame policy, the same in every panel.
pcol(s) = s eq "fifo" ? "#d62728" : s eq "lru" ? "#1f77b4" : s eq "lru-walk" ? "#2ca02c" : \
          s eq "clock" ? "#ff7f0e" : s eq "opt" ? "#000000" : "#9467bd"
# OPT is the bound every other policy is measured against: dashed, so it reads as one.
pdt(s) = s eq "opt" ? 2 : 1
nb(t) = words(t)
# Where curves coincide (FIFO, LRU-walk and CLOCK on Belady's string), wide pale lines
# under narrow dark ones, and big open marks under small full ones, keep all visible.
plw(s) = s eq "clock" ? 9 : s eq "lru-walk" ? 5 : 1.5
pacol(s) = s eq "clock" ? "#a0ff7f0e" : s eq "lru-walk" ? "#602ca02c" : pcol(s)
ppt(s) = s eq "clock" ? 4 : s eq "lru-walk" ? 6 : s eq "lru" ? 5 : 7
pps(s) = s eq "clock" ? 3.2 : s eq "lru-walk" ? 2.3 : 1.0
saveset(panel) = (exists("settings") && settings ne "") ? settings."-".panel.".gp" : ""

if (which eq "faults") {
    set terminal @tn size 1600,720
    set output out
    set multiplot layout 1,2 title ttl font ",14" noenhanced
    set key inside right top box opaque
    set title "page-fault rate against frames" font ",13"
    set xlabel "physical frames (count)"
    set ylabel "page-fault rate (faults / access)"
    # ylog (plotdata.py): the rates span more than 50-fold, as a real program's do,
    # falling within a few frames of hundreds: both axes logarithmic then.
    if (exists("ylog") && ylog eq "1") {
        set logscale xy
        set xrange [0.8:(fmax+0)*1.25]
        set xlabel "physical frames (count, log scale)"
        set ylabel "page-fault rate (faults / access, log scale)"
        set yrange [*:1.5]
        set format y "10^{%T}"
    } else {
        set xrange [0:fmax+1]
        set yrange [0:*]
    }
    plot for [i=1:nb(titles)] dat index (i-1) using 1:2 with linespoints \
        lc rgb pcol(word(titles,i)) dt pdt(word(titles,i)) pt ppt(word(titles,i)) ps 0.8 \
        title word(titles,i)
    if (saveset("faults-1") ne "") { save set saveset("faults-1") }
    unset logscale xy
    set format y "% h"
    set title attl font ",13" noenhanced
    set xlabel "physical frames (count)"
    set ylabel "page faults (count, of 12 accesses)"
    set xrange [0.5:7.5]
    set xtics 1
    set yrange [0:13]
    set ytics 1
    set label 1 "FIFO: 9 faults at 3 frames,\n10 at 4 (Belady's anomaly)" at 4.35,11.7 \
        left font ",11" tc rgb "#d62728"
    set arrow 1 from 4.25,11.2 to 4.03,10.3 lc rgb "#d62728" lw 1.5
    set key left bottom box opaque
    # Drawn in the order plotdata.py gives (wide marks first, FIFO last, on top).
    plot for [i=1:nb(atitles)] adat index (i-1) using 1:3 with linespoints \
        lc rgb pacol(word(atitles,i)) lw plw(word(atitles,i)) dt pdt(word(atitles,i)) \
        pt ppt(word(atitles,i)) ps pps(word(atitles,i)) title word(atitles,i)
    if (saveset("faults-2") ne "") { save set saveset("faults-2") }
    unset multiplot
}

if (which eq "tlb") {
    set title ttl font ",14" noenhanced
    set logscale x 2
    set xrange [emin/1.3:emax*1.3]
    set xlabel "TLB entries (sets × ways, log scale)"
    set ylabel "TLB hit rate (% of accesses)"
    set yrange [0:100]
    # Outside the graph: at small sizes a real program's hit rate is already high, and
    # a key in a corner covered the 2- and 4-entry points.
    set key outside right top box opaque
    # Darker for more ways; fully associative (the upper bound at each size) black.
    tcol(t) = t eq "fully associative" ? "#000000" : t[1:1] eq "d" ? "#d62728" : \
              t eq "2-way" ? "#ff7f0e" : t eq "4-way" ? "#2ca02c" : t eq "8-way" ? "#1f77b4" : "#9467bd"
    plot for [i=1:nb(titles)] dat index (i-1) using 1:2 with linespoints \
        lc rgb tcol(word(titles,i)) lw 1.5 pt (4+i) ps 1.2 title word(titles,i)
    if (saveset("tlb") ne "") { save set saveset("tlb") }
}

if (which eq "tlbpol") {
    # Two rows: the hit rate (what an architect asks for), and under it each policy's
    # difference from exact LRU in percentage points, where lines a few tenths of a
    # percent apart (on a 0-100 axis, a pixel or two) come apart.  One column per
    # associativity (titles).  Where policies coincide, wide pale lines and big open
    # marks lie under narrow dark ones (random widest, LRU on top), so each shows.
    n = nb(titles)
    set terminal @tn size (n > 1 ? 1600 : 1000),1000
    set output out
    set multiplot layout 2,n title ttl font ",14" noenhanced
    set datafile missing "-"
    set logscale x 2
    set xrange [emin/1.4:emax*1.4]
    tc(s) = s eq "fifo" ? "#d62728" : s eq "lru" ? "#1f77b4" : s eq "plru" ? "#2ca02c" : \
            s eq "random" ? "#ff7f0e" : "#9467bd"
    # Pale as solid light colours (no transparency): the same on either terminal.
    tpale(s) = s eq "random" ? "#ffbf87" : s eq "fifo" ? "#e88586" : tc(s)
    tlw(s) = s eq "random" ? 7 : s eq "fifo" ? 4 : s eq "plru" ? 2.5 : 1.5
    tpt(s) = s eq "random" ? 6 : s eq "fifo" ? 4 : s eq "plru" ? 9 : 7
    tps(s) = s eq "random" ? 2.6 : s eq "fifo" ? 1.9 : s eq "plru" ? 1.4 : 0.8
    # Drawing order: random first (under everything), lru last (on top).
    np = words(policies)
    tord(k) = word(policies, k)
    lrucol = 0
    do for [k=1:np] { if (word(policies,k) eq "lru") { lrucol = k + 1 } }
    # hit rates: 0-100 when a panel's smallest is low (the default trace), else from
    # the tens below it (a real program's 4-way TLB hits 93 % and more at 8 entries).
    ylo(h) = h < 40 ? 0 : floor(h/10)*10
    do for [i=1:n] {
        set title word(titles,i).(word(same,i) eq "-" ? "" : \
            "  (all equal at ".word(same,i).(word(same,i) eq "1" ? " entry" : " entries").": one mark)") \
            font ",12" noenhanced
        set xlabel "TLB entries (log scale)"
        set ylabel "TLB hit rate (% of accesses)"
        set yrange [ylo(word(hmin,i)+0):100]
        # The key in the first panel, in the policies' order (the lines are drawn in
        # the reverse order, so they are keyed apart from their drawing).
        if (i == 1) { set key inside right bottom box opaque width 1 spacing 1.3 } else { set key off }
        plot for [k=np:1:-1] dat index (i-1) using 1:(column(k+1)) with linespoints \
            lc rgb tpale(word(policies,k)) lw tlw(word(policies,k)) pt tpt(word(policies,k)) \
            ps tps(word(policies,k)) notitle, \
            for [k=1:(i == 1 ? np : 0)] keyentry with linespoints lc rgb tpale(word(policies,k)) \
            lw tlw(word(policies,k)) pt tpt(word(policies,k)) ps tps(word(policies,k)) \
            title word(policies,k)
        if (saveset(sprintf("tlbpol-%d", i)) ne "") { save set saveset(sprintf("tlbpol-%d", i)) }
    }
    do for [i=1:n] {
        set title word(titles,i).": difference from exact LRU" font ",12" noenhanced
        set ylabel "hit rate − LRU's (percentage points)"
        set yrange [*:*]
        set key off
        if (lrucol > 0) {
            plot 0 with lines lc rgb "#1f77b4" lw 1.5 notitle, \
                 for [k=np:1:-1] dat index (i-1) using 1:(column(k+1) - column(lrucol)) \
                 with linespoints lc rgb tpale(word(policies,k)) lw tlw(word(policies,k)) \
                 pt tpt(word(policies,k)) ps tps(word(policies,k)) notitle
        }
    }
    unset multiplot
}

if (which eq "scatter") {
    set title ttl font ",14" noenhanced
    set key inside right top box opaque
    # A long trace's access numbers in thousands (1200, not 1.2×10^6, whose last tic
    # fell off the right edge).
    xs = accesses+0 >= 100000 ? 1000.0 : 1.0
    set xlabel (xs > 1 ? "access number (thousands, in trace order)" : "access number (count, in trace order)")
    set xrange [0:(accesses+0)/xs]
    set rmargin 6
    set border 3
    if (exists("ymode") && ymode eq "rank") {
        # A sparse space: the pages in address order, gaps closed; each dashed line is
        # a closed gap, each tic the address where the region above it starts.
        set ylabel "distinct pages in address order (rank; tics: region start address)"
        set yrange [-0.5:pages-0.5]
        eval "set ytics (".yticks.") font ',10' noenhanced"
        # With memory maps: what is mapped there, on the right.
        if (exists("y2ticks") && y2ticks ne "") {
            set y2range [-0.5:pages-0.5]
            eval "set y2tics (".y2ticks.") font ',10' nomirror noenhanced"
            set rmargin 24
        }
        if (breaks ne "") {
            do for [j=1:words(breaks)] {
                set arrow j from graph 0, first word(breaks,j)-0.5 to graph 1, first word(breaks,j)-0.5 \
                    nohead dt 2 lc rgb "#999999" lw 1 back
            }
        }
        set grid noytics
    } else {
        set ylabel "virtual page number"
        # ymax: the number of virtual pages when that is small (osc: 256), else automatic.
        if (exists("ymax") && ymax ne "") { set yrange [0:ymax+0] } else { set yrange [0:*] }
    }
    if (nb(titles) > 1) {
        # One colour per process; the key's marks are drawn big (keyentry), the data's
        # small; the key above the graph (the right side may carry MAPS names), where it
        # covers no point.
        set key outside top center horizontal box opaque
        plot for [i=1:nb(titles)] dat index (i-1) using ($1/xs):2 with points pt 7 ps 0.3 lc i notitle, \
             for [i=1:nb(titles)] keyentry with points pt 7 ps 1.5 lc i title word(titles,i)
    } else {
        set key off
        plot dat index 0 using ($1/xs):2 with points pt 7 ps (accesses+0 > 20000 ? 0.3 : 0.55) \
            lc rgb "#1f77b4" notitle
    }
    if (saveset("scatter") ne "") { save set saveset("scatter") }
}

if (which eq "walks") {
    # One row per memory latency, on one x axis, so the rows line up; log y, since a
    # real program's plain walks outnumber its page faults a hundredfold.  Colour says
    # the kind of miss; each bar's count is printed over it, turned upright where
    # neighbours are too close for level text (plotdata.py decides, rots).
    n = nb(titles)
    set terminal @tn size 1400,(260*n+140)
    set output out
    set multiplot layout n,1 title ttl font ",14" noenhanced
    set style fill solid 0.8 border -1
    set boxwidth 0.9 absolute
    set xrange [0:cmax+2]
    set logscale y
    set yrange [0.6:(ymax+0)*60]
    set format y "10^{%T}"
    set ytics nomirror
    set ylabel "TLB misses (log)"
    set lmargin 12
    set rmargin 4
    kc(k) = k == 1 ? 0x1f77b4 : k == 2 ? 0x2ca02c : k == 3 ? 0xd62728 : 0x7f7f7f
    kn(s) = s eq "walk" ? 1 : s eq "walk+A/D" ? 2 : s eq "fault+retry" ? 3 : 4
    lab(s) = s eq "_" ? "" : s
    do for [i=1:n] {
        set title word(titles,i) font ",12" noenhanced
        if (i == n) {
            set xlabel "cycles from request to answer on a TLB miss (the walk; on a page fault, walk + retry)"
        } else {
            unset xlabel
        }
        if (i == 1) { set key inside right top box opaque } else { set key off }
        if (word(rots,i) eq "90") {
            plot dat index (i-1) using 1:2:(kc($5)) with boxes lc rgb variable notitle, \
                 '' index (i-1) using 1:2:(lab(strcol(6))) with labels rotate by 90 left \
                    offset 0,0.4 font ",9" notitle, \
                 for [k=1:words(kinds)] keyentry with boxes fc rgb kc(kn(word(kinds,k))) title word(kinds,k)
        } else {
            plot dat index (i-1) using 1:2:(kc($5)) with boxes lc rgb variable notitle, \
                 '' index (i-1) using 1:2:(lab(strcol(6))) with labels center \
                    offset 0,0.7 font ",9" notitle, \
                 for [k=1:words(kinds)] keyentry with boxes fc rgb kc(kn(word(kinds,k))) title word(kinds,k)
        }
        if (saveset(sprintf("walks-%d", i)) ne "") { save set saveset(sprintf("walks-%d", i)) }
    }
    unset multiplot
}

if (which eq "misscost") {
    # A row per measure, a column per remedy varied (the page-walk cache; the L2 TLB
    # when the sweep has it); a line per preset (colour) and page size (--thp dashed
    # or dotted, open marks), so the third remedy, huge pages, is the gap between
    # lines of one colour.
    np = panels + 0
    ns = words(titles)
    set terminal @tn size (np == 1 ? 1100 : 1700),1180
    set output out
    # The panels share the canvas left of R (as wide as each other); the key, once,
    # right of it, its left edge a gap K right of the last frame. The key is about 320
    # pixels wide (its longest title, "sv48, --thp, every range", and its sample): R
    # leaves it that and a margin to the canvas's edge, on 1100 pixels and on 1700.
    L = np == 1 ? 0.115 : 0.075
    R = np == 1 ? 0.665 : 0.76
    K = 0.025
    set multiplot layout 3,np columnsfirst margins L,R,0.06,0.89 spacing 0.08,0.07 \
        title ttl font ",14" noenhanced
    ccol(c) = c eq "sv39" ? "#1f77b4" : c eq "sv48" ? "#d62728" : c eq "sv32" ? "#2ca02c" : "#9467bd"
    # 4 KiB pages solid, full circles; --thp in anonymous regions (with the map)
    # dashed, open triangles; --thp in every range (no map) dotted, open squares.
    # Where --thp changes nothing (no anonymous megapage range: ls, gzip) its line lies
    # on the 4 KiB one: so 4 KiB pages are wide pale lines under the narrow dark ones.
    mdt(t) = t eq "on" ? 2 : t eq "all" ? 3 : 1
    mpt(t) = t eq "on" ? 8 : t eq "all" ? 4 : 7
    mps(t) = t eq "on" ? 1.5 : t eq "all" ? 1.3 : 2.0
    mlw(t) = t eq "off" ? 6 : 1.5
    pale(c) = c eq "sv39" ? "#9ccbea" : c eq "sv48" ? "#f2a3a3" : c eq "sv32" ? "#a6dba6" : "#cbb7dd"
    mcol(c, t) = t eq "off" ? pale(c) : ccol(c)
    ylabs = "'translation cycles per access' 'walks per 1000 accesses' 'PTE reads from memory per walk'"
    do for [p=1:np] {
        xs = p == 1 ? pwcs : l2s
        nx = words(xs)
        set xrange [-0.4:nx-0.6]
        set xtics ()
        do for [j=1:nx] { set xtics add (word(xs,j) j-1) }
        do for [m=1:3] {
            if (m == 1) {
                set title (p == 1 ? "page-walk cache (no L2 TLB: ".pwc_at.")" : "L2 TLB (page-walk cache: ".l2_at.")") font ",13" noenhanced
            } else {
                unset title
            }
            if (m == 3) {
                set xlabel (p == 1 ? "page-walk cache entries (pointer PTEs)" : "L2 TLB sets x ways")
            } else {
                unset xlabel
            }
            set ylabel word(ylabs, m)
            # Walks: log, since huge pages take them from tens per 1000 accesses to
            # hundredths, and both must be read.
            if (m == 2) {
                set logscale y
                set yrange [(wmin+0)/2:(wmax+0)*2]
                set format y "%g"
                set ylabel "walks per 1000 accesses (log)"
            } else {
                unset logscale y
                set yrange [0:*]
                set format y "% h"
            }
            if (m == 1 && p == 1) { set key at screen R+K,0.89 left top box opaque } else { set key off }
            plot for [i=1:ns] dat index ((p-1)*ns + i - 1) using 1:(column(2+m)) \
                with linespoints lc rgb mcol(word(scfgs,i), word(thps,i)) \
                dt mdt(word(thps,i)) pt mpt(word(thps,i)) ps mps(word(thps,i)) lw mlw(word(thps,i)) \
                title word(titles,i)
            if (saveset(sprintf("misscost-%d", (p-1)*3 + m)) ne "") { save set saveset(sprintf("misscost-%d", (p-1)*3 + m)) }
        }
    }
    unset multiplot
}
