/* drawing.c: the end-of-process clean-up of cairo, pango and fontconfig (see drawing.h). */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "drawing.h"

/* GCC defines __SANITIZE_ADDRESS__ under -fsanitize=address; clang answers __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define DRAWING_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRAWING_SANITIZED 1
#endif
#endif

void drawing_shutdown(void)
{
#ifdef DRAWING_SANITIZED
	void (*fc_fini)(void) = NULL;
	void *sym;

	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	/* fontconfig's own configuration is freed by FcFini(). fontconfig is loaded by pango but
	 * not linked directly (the build does not list it), so it is looked up at run time. */
	sym = dlsym(RTLD_DEFAULT, "FcFini");
	if (sym) {
		memcpy(&fc_fini, &sym, sizeof fc_fini);
		fc_fini();
	}
#endif
}
