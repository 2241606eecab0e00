# flash.R: reference figures for tests/integration/flash.sh, with base R only (stats).
#   Rscript flash.R COUNTS.txt
# COUNTS.txt: one line per indicator, channel and wave, "indicator|channel|wave|n|k", wave 0
# the previous flash survey and 1 this one, n the answers that count and k the positive ones,
# as the test computes them from the answer and tally tables.
# Prints one line per figure:
#   ind CODE diff p n0 n1 mark          an indicator, its channels together:
#                                       diff = Mantel-Haenszel rate difference in points,
#                                       p = mantelhaen.test(x, correct = FALSE)$p.value over the
#                                       channels present in both waves;
#   chan CODE/CHANNEL diff p q mark     one channel: the same test on it alone (Pearson's
#                                       chisq.test(correct = FALSE) statistic times (N - 1) / N,
#                                       since mantelhaen.test needs two strata), q =
#                                       p.adjust(p, "BH") over every channel tested (both waves
#                                       with at least 30 answers);
#   ci CODE[/CHANNEL] rate lo hi        this wave's rate and Wilson interval in percent, one
#                                       decimal: prop.test(k, n, correct = FALSE)$conf.int.
# mark: hausse, baisse, stable, or - when not tested.
args <- commandArgs(trailingOnly = TRUE)
d <- read.table(args[1], sep = "|", quote = "", comment.char = "",
                col.names = c("ind", "canal", "wave", "n", "k"),
                colClasses = c("character", "character", "integer", "numeric", "numeric"))
fr1 <- function(x) sub(".", ",", sprintf("%.1f", x), fixed = TRUE)
table3 <- function(s) {
    # s: rows of the strata, both waves; x[wave, answer, stratum], answer 1 positive.
    keys <- unique(s$canal)
    x <- array(0, dim = c(2, 2, length(keys)))
    for (i in seq_along(keys)) for (w in 0:1) {
        r <- s[s$canal == keys[i] & s$wave == w, ]
        x[w + 1, 1, i] <- sum(r$k)
        x[w + 1, 2, i] <- sum(r$n) - sum(r$k)
    }
    x
}
mh_diff <- function(x) {
    n0 <- x[1, 1, ] + x[1, 2, ]; n1 <- x[2, 1, ] + x[2, 2, ]; N <- n0 + n1
    sum((x[2, 1, ] * n0 - x[1, 1, ] * n1) / N) / sum(n0 * n1 / N)
}
# The CMH test; with one stratum, which mantelhaen.test refuses, its statistic is Pearson's
# chi-square times (N - 1) / N (the hypergeometric variance).
cmh_p <- function(x) {
    if (dim(x)[3] > 1) return(mantelhaen.test(x, correct = FALSE)$p.value)
    N <- sum(x[, , 1])
    st <- suppressWarnings(chisq.test(x[, , 1], correct = FALSE)$statistic) * (N - 1) / N
    pchisq(unname(st), 1, lower.tail = FALSE)
}
mark <- function(tested, p, diff) {
    if (!tested) "-" else if (p < 0.05 && diff > 0) "hausse" else if (p < 0.05 && diff < 0) "baisse" else "stable"
}
both <- function(s) {
    n0 <- tapply(s$n[s$wave == 0], s$canal[s$wave == 0], sum)
    n1 <- tapply(s$n[s$wave == 1], s$canal[s$wave == 1], sum)
    common <- intersect(names(n0)[n0 > 0], names(n1)[n1 > 0])
    s[s$canal %in% common, ]
}
chan <- data.frame()
for (ind in unique(d$ind)) {
    s <- d[d$ind == ind, ]
    cur <- s[s$wave == 1, ]
    if (sum(cur$n) >= 30) {
        ci <- prop.test(sum(cur$k), sum(cur$n), correct = FALSE)$conf.int
        cat(sprintf("ci %s %s %s %s\n", ind, fr1(100 * sum(cur$k) / sum(cur$n)), fr1(100 * ci[1]), fr1(100 * ci[2])))
    }
    b <- both(s)
    if (nrow(b) > 0) {
        x <- table3(b)
        p <- cmh_p(x)
        diff <- mh_diff(x)
        n0 <- sum(b$n[b$wave == 0]); n1 <- sum(b$n[b$wave == 1])
        cat(sprintf("ind %s %.12f %.12f %d %d %s\n", ind, 100 * diff, p, n0, n1,
                    mark(n0 >= 30 && n1 >= 30 && sum(s$n[s$wave == 0]) >= 30, p, diff)))
    }
    for (c in unique(s$canal)) {
        r <- s[s$canal == c, ]
        n0 <- sum(r$n[r$wave == 0]); n1 <- sum(r$n[r$wave == 1]); k1 <- sum(r$k[r$wave == 1])
        if (n1 >= 30) {
            ci <- prop.test(k1, n1, correct = FALSE)$conf.int
            cat(sprintf("ci %s/%s %s %s %s\n", ind, c, fr1(100 * k1 / n1), fr1(100 * ci[1]), fr1(100 * ci[2])))
        }
        if (n0 > 0 && n1 > 0) {
            x <- table3(r)
            chan <- rbind(chan, data.frame(code = paste0(ind, "/", c), diff = 100 * mh_diff(x),
                                           p = cmh_p(x),
                                           tested = n0 >= 30 && n1 >= 30))
        }
    }
}
chan$q <- NA
chan$q[chan$tested] <- p.adjust(chan$p[chan$tested], method = "BH")
for (i in seq_len(nrow(chan)))
    cat(sprintf("chan %s %.12f %.12f %s %s\n", chan$code[i], chan$diff[i], chan$p[i],
                if (chan$tested[i]) sprintf("%.12f", chan$q[i]) else "-",
                mark(chan$tested[i], if (chan$tested[i]) chan$q[i] else 1, chan$diff[i])))
