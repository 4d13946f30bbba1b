# COINr's side of `node bench/pipeline.mjs` (issue 25): the same pipeline as
# smei's on the same files, written as COINr's documentation writes it.
# Rscript bench/coinr_pipeline.R KIND iData.csv iMeta.csv out.csv
#   KIND asem:  Denominate, Impute (i_mean_grp by EurAsia_group), Screen (byNA,
#               0.9), Treat (winmax 5), Normalise (min-max 0..100), Aggregate
#               (arithmetic): COINr's build_example_coin()
#   KIND panel: a purse (a Time column): Impute (i_mean), Treat, Normalise
#               per year (global = FALSE), Aggregate
#   KIND cross: one year as a coin: Impute (i_mean), Treat, Normalise, Aggregate
# Writes uCode, Time and Index of every unit to out.csv (17 significant digits).
suppressPackageStartupMessages(library(COINr))
args <- commandArgs(trailingOnly = TRUE)
kind <- args[1]
iData <- read.csv(args[2], check.names = FALSE, na.strings = c("", "NA"), stringsAsFactors = FALSE)
iMeta <- read.csv(args[3], check.names = FALSE, na.strings = c("", "NA"), stringsAsFactors = FALSE)
minmax <- list(f_n = "n_minmax", f_n_para = list(c(0, 100)))
treat <- list(f1_para = list(winmax = 5))
if (kind == "asem") {
  coin <- new_coin(iData, iMeta, level_names = c("Indicator", "Pillar", "Sub-index", "Index"), quietly = TRUE)
  coin <- Denominate(coin, dset = "Raw")
  coin <- Impute(coin, dset = "Denominated", f_i = "i_mean_grp", use_group = "EurAsia_group")
  coin <- Screen(coin, dset = "Imputed", dat_thresh = 0.9, unit_screen = "byNA")
  coin <- Treat(coin, dset = "Screened", global_specs = treat)
  coin <- Normalise(coin, dset = "Treated", global_specs = minmax)
  coin <- Aggregate(coin, dset = "Normalised", f_ag = "a_amean")
  res <- get_dset(coin, "Aggregated")
  res$Time <- iData$Time[1]
} else if (kind == "panel") {
  purse <- new_coin(iData, iMeta, split_to = "all", quietly = TRUE)
  purse <- Impute(purse, dset = "Raw", f_i = "i_mean")
  purse <- Treat(purse, dset = "Imputed", global_specs = treat)
  purse <- Normalise(purse, dset = "Treated", global_specs = minmax, global = FALSE)
  purse <- Aggregate(purse, dset = "Normalised", f_ag = "a_amean")
  res <- get_dset(purse, "Aggregated")
} else {
  time <- iData$Time[1]
  iData$Time <- NULL
  coin <- new_coin(iData, iMeta, quietly = TRUE)
  coin <- Impute(coin, dset = "Raw", f_i = "i_mean")
  coin <- Treat(coin, dset = "Imputed", global_specs = treat)
  coin <- Normalise(coin, dset = "Treated", global_specs = minmax)
  coin <- Aggregate(coin, dset = "Normalised", f_ag = "a_amean")
  res <- get_dset(coin, "Aggregated")
  res$Time <- time
}
out <- data.frame(uCode = res$uCode, Time = res$Time, Index = sprintf("%.17g", res$Index))
write.csv(out, args[4], row.names = FALSE, quote = FALSE)
