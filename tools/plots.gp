# tools/plots.gp -- draws one of vmmu's plots from the tables tools/plotdata.py writes.
# Called by tools/plots.sh as
#   gnuplot -e "which='faults'; out='x.png'; dat='x.dat'; titles='\"fifo\" ...'; ..." tools/plots.gp
# Variables: which (faults | tlb | scatter | walks), out, dat, titles (the index blocks'
# names, quoted words), ttl (the plot's title); faults also adat, atitles, attl, fmax;
# tlb emin, emax; walks cmax.

set terminal pngcairo size 1400,860 enhanced font "DejaVu Sans,12" linewidth 1.5
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

if (which eq "faults") {
    set terminal pngcairo size 1600,720
    set output out
    set multiplot layout 1,2 title ttl font ",14" noenhanced
    set key inside right top box opaque
    set title "page-fault rate against frames" font ",13"
    set xlabel "physical frames (count)"
    set ylabel "page-fault rate (faults / access)"
    set xrange [0:fmax+1]
    set yrange [0:*]
    plot for [i=1:nb(titles)] dat index (i-1) using 1:2 with linespoints \
        lc rgb pcol(word(titles,i)) dt pdt(word(titles,i)) pt ppt(word(titles,i)) ps 0.8 \
        title word(titles,i)
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
    unset multiplot
}

if (which eq "tlb") {
    set title ttl font ",14" noenhanced
    set logscale x 2
    set xrange [emin/1.3:emax*1.3]
    set xlabel "TLB entries (sets × ways, log scale)"
    set ylabel "TLB hit rate (% of accesses)"
    set yrange [0:100]
    set key inside left top box opaque
    # Darker for more ways; fully associative (the upper bound at each size) black.
    tcol(t) = t eq "fully associative" ? "#000000" : t[1:1] eq "d" ? "#d62728" : \
              t eq "2-way" ? "#ff7f0e" : t eq "4-way" ? "#2ca02c" : t eq "8-way" ? "#1f77b4" : "#9467bd"
    plot for [i=1:nb(titles)] dat index (i-1) using 1:2 with linespoints \
        lc rgb tcol(word(titles,i)) lw 1.5 pt (4+i) ps 1.2 title word(titles,i)
}

if (which eq "scatter") {
    set title ttl font ",14" noenhanced
    set xlabel "access number (count, in trace order)"
    set ylabel "virtual page number"
    set key inside right top box opaque
    set xrange [0:*]
    # ymax: the number of virtual pages when that is small (osc: 256), else automatic.
    if (exists("ymax") && ymax ne "") { set yrange [0:ymax+0] } else { set yrange [0:*] }
    if (nb(titles) > 1) {
        # One colour per process; the key's marks are drawn big (keyentry), the data's small.
        plot for [i=1:nb(titles)] dat index (i-1) using 1:2 with points pt 7 ps 0.3 lc i notitle, \
             for [i=1:nb(titles)] keyentry with points pt 7 ps 1.5 lc i title word(titles,i)
    } else {
        set key off
        plot dat index 0 using 1:2 with points pt 7 ps (accesses+0 > 20000 ? 0.3 : 0.55) \
            lc rgb "#1f77b4" notitle
    }
}

if (which eq "walks") {
    set title ttl font ",14" noenhanced
    set xlabel "cycles from request to answer on a TLB miss (the walk; on a page fault, walk + retry)"
    set ylabel "TLB misses (count)"
    set style fill solid 0.75 border -1
    set boxwidth 0.9 absolute
    set xrange [0:cmax+2]
    set yrange [0:*]
    set offsets 0,0,graph 0.12,0
    set key inside right top box opaque
    # Column 4 names the kind of miss (plotdata.py walks): printed over each bar.
    plot for [i=1:nb(titles)] dat index (i-1) using 1:2 with boxes title word(titles,i), \
         for [i=1:nb(titles)] dat index (i-1) using 1:2:(sprintf("%d\n%s", $2, strcol(4))) \
             with labels offset 0,1.4 font ",9" notitle
}
