/* lib/segment_weights.h: the weights of the title/container segmenter
 * (lib/segment.c), set by hand to the rule it replaces: the last stop
 * wins. tools/fit_segment.py writes fitted ones in their place. */
#ifndef RP_SEGMENT_WEIGHTS_H
#define RP_SEGMENT_WEIGHTS_H

/* an earlier stop replaces the last one when it scores this much more */
#define RPI_SEG_MARGIN 0.5

static const double rpi_seg_weights[RPI_SEG_NFEAT] = {
    [RPI_SEG_F_LAST] = 1.0,
};

#endif
