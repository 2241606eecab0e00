# brief.R: reference estimates for tests/integration/brief.sh, with R's survey package.
#   Rscript brief.R ANSWERS.csv AGENTS.csv BRIEF.csv
# ANSWERS.csv: one row per large-survey respondent who gave an answer that counts to
# SATISF_GLOBALE: weight,y (1 = positive),canal,sexe,age (profile empty when not given).
# AGENTS.csv: y for each agent of the mirror survey.
# BRIEF.csv: the program's open-data CSV (for the Benjamini-Hochberg check, which needs every
# p-value of a table).
# The design of reports/wstats.h: svydesign(ids = ~1, weights = ~weight) over those who
# answered; weighted rates and intervals by svyciprop(method = "logit", df = Inf), unweighted
# ones by prop.test(correct = FALSE) (Wilson); group tests by svyttest (statistic, two-sided
# normal p-value); Kish's effective sample sum(w)^2 / sum(w^2).
# Prints "name p lo hi pvalue neff" lines, then "bh SECTION ok|differs" lines: p.adjust(BH) of
# the CSV's p_valeur within each section against its p_ajustee, and the marks against
# p_ajustee < 0.05.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("numeric", "numeric", "character", "character", "character"))
a <- read.csv(args[2])
des <- svydesign(ids = ~1, weights = ~weight, data = d)
show <- function(name, design, w, pv = NA) {
    ci <- svyciprop(~y, design, method = "logit", df = Inf)
    cat(sprintf("%s %.12f %.12f %.12f %.12f %.9f\n", name, coef(ci), attr(ci, "ci")[1],
                attr(ci, "ci")[2], pv, sum(w)^2 / sum(w^2)))
}
ttest <- function(flag) {
    d$g <- as.numeric(flag)
    t <- svyttest(y ~ g, svydesign(ids = ~1, weights = ~weight, data = d))
    2 * pnorm(-abs(t$statistic))
}
show("total", des, d$weight)
show("telephone", subset(des, canal == "telephone"), d$weight[d$canal == "telephone"],
     ttest(d$canal == "telephone"))
f <- !is.na(d$sexe) & d$sexe == "1"
show("femme", subset(des, sexe == "1"), d$weight[f], ttest(f))
f <- !is.na(d$age) & d$age == "4"
show("age4", subset(des, age == "4"), d$weight[f], ttest(f))
ci <- prop.test(sum(a$y), nrow(a), correct = FALSE)$conf.int
cat(sprintf("agents %.12f %.12f %.12f NA %.9f\n", mean(a$y), ci[1], ci[2], nrow(a)))

# The CSV is UTF-8 with a BOM. Read it without converting (fileEncoding would convert to the
# native encoding and fail under the POSIX locale), then drop the BOM from the first line.
lines <- readLines(args[3], encoding = "UTF-8", warn = FALSE)
lines[1] <- sub("^\xef\xbb\xbf", "", lines[1], useBytes = TRUE)
b <- read.csv2(text = lines, colClasses = "character", encoding = "UTF-8")
num <- function(x) as.numeric(sub(",", ".", x, fixed = TRUE))
for (s in unique(b$section)) {
    r <- b[b$section == s & b$p_ajustee != "", ]
    if (nrow(r) == 0) next
    q <- p.adjust(num(r$p_valeur), method = "BH")
    ok <- all(abs(q - num(r$p_ajustee)) < 1e-9) &&
          all((q < 0.05) == (r$ecart_significatif != ""))
    cat(sprintf("bh %s %s %d %d\n", s, if (ok) "ok" else "differs", nrow(r), sum(q < 0.05)))
}
