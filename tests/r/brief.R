# brief.R: reference estimates for tests/integration/brief.sh, with R's survey package.
#   Rscript brief.R ANSWERS.csv AGENTS.csv
# ANSWERS.csv: one row per large-survey respondent who gave an answer that counts to
# SATISF_GLOBALE: weight,y (1 = positive),canal,sexe,age (profile empty when not given).
# AGENTS.csv: y for each agent of the mirror survey.
# The design of reports/wstats.h: svydesign(ids = ~1, weights = ~weight) over those who
# answered; rates and intervals by svyciprop(method = "mean", df = Inf), group tests by
# svyttest (statistic, two-sided normal p-value). Prints "name p lo hi pvalue" lines.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("numeric", "numeric", "character", "character", "character"))
a <- read.csv(args[2])
des <- svydesign(ids = ~1, weights = ~weight, data = d)
show <- function(name, design, pv = NA) {
    ci <- svyciprop(~y, design, method = "mean", df = Inf)
    cat(sprintf("%s %.10f %.10f %.10f %.10f\n", name, coef(ci), attr(ci, "ci")[1],
                attr(ci, "ci")[2], pv))
}
ttest <- function(flag) {
    d$g <- as.numeric(flag)
    t <- svyttest(y ~ g, svydesign(ids = ~1, weights = ~weight, data = d))
    2 * pnorm(-abs(t$statistic))
}
show("total", des)
show("telephone", subset(des, canal == "telephone"), ttest(d$canal == "telephone"))
show("femme", subset(des, sexe == "1"), ttest(!is.na(d$sexe) & d$sexe == "1"))
show("age4", subset(des, age == "4"), ttest(!is.na(d$age) & d$age == "4"))
a$one <- 1
show("agents", svydesign(ids = ~1, weights = ~one, data = a))
