/* g_set_str is GLib 2.76: must not build. */
#include <glib.h>

int probe (void);

int
probe (void)
{
  char *s = NULL;
  return g_set_str (&s, "x");
}
