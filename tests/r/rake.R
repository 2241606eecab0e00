# rake.R: the reference raking for tests/integration/weight.sh, with R's survey package.
#   Rscript rake.R RESPONDENTS.csv MARGINS.csv
# RESPONDENTS.csv (from psql): response_id,PROFIL_AGE,PROFIL_SEXE,PROFIL_QUARTIER,weight, with an
# empty profile cell for a respondent without an answer that counts; MARGINS.csv: the margins file
# as given to survey-report weight (French Excel: ';', decimal commas, Windows-1252).
# The handling documented in reports/rake.h is written here with plain rake(): respondents
# without a category form one more level ("nr") whose population total is their number; the
# other levels get share * (n - number without a category). Prints, one per line:
#   maxdiff <largest |weight(R) - weight(database)|>
#   deff <Kish design effect of R's weights>
#   sum <sum of R's weights>
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "character")
# encoding = "latin1" marks the strings without converting them, which works in any locale
# (fileEncoding would convert to the native encoding, and fails under the POSIX locale).
m <- read.csv2(args[2], colClasses = "character", encoding = "latin1")
names(m) <- c("question", "categorie", names(m)[-(1:2)])
part_col <- grep("^part", names(m), value = TRUE)[1]
m$part <- as.numeric(gsub(",", ".", gsub("[ %]", "", m[[part_col]])))
d$weight <- as.numeric(d$weight)
d$one <- 1
n <- nrow(d)
questions <- unique(m$question)
sample_margins <- list()
population_margins <- list()
for (q in questions) {
    mq <- m[m$question == q, ]
    x <- d[[q]]
    x[is.na(x) | x == ""] <- "nr"
    missing <- sum(x == "nr")
    lev <- c(mq$categorie, if (missing > 0) "nr")
    d[[q]] <- factor(x, levels = lev)
    freq <- mq$part / sum(mq$part) * (n - missing)
    if (missing > 0) freq <- c(freq, missing)
    pm <- data.frame(lev, freq)
    names(pm) <- c(q, "Freq")
    sample_margins[[q]] <- as.formula(paste("~", q))
    population_margins[[q]] <- pm
}
des <- svydesign(ids = ~1, weights = ~one, data = d)
r <- rake(des, unname(sample_margins), unname(population_margins),
          control = list(maxit = 1000, epsilon = 1e-15))
w <- weights(r)
cat(sprintf("maxdiff %.3e\n", max(abs(w - d$weight))))
cat(sprintf("deff %.12f\n", n * sum(w^2) / sum(w)^2))
cat(sprintf("sum %.12f\n", sum(w)))
