/* drawing.h: what the programs that draw with cairo and pango (reports, printed forms, scans)
 * share beyond the libraries themselves. */
#ifndef BAROMETRE_DRAWING_H
#define BAROMETRE_DRAWING_H

/* Frees what cairo, pango and fontconfig keep for the life of the process, so that
 * LeakSanitizer reports only the program's own leaks. Does so in sanitizer builds only: the
 * process is about to exit anyway, and cairo_debug_reset_static_data() aborts on an assertion
 * when an object is still alive, which pango's font map (loaded by a thread of its own) can
 * leave now and then. Call it once, last, after every surface and layout is destroyed. */
void drawing_shutdown(void);

#endif
