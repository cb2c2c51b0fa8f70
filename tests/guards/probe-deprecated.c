/* g_time_val_* was deprecated in GLib 2.62: must not build. */
#include <glib.h>

int probe (void);

int
probe (void)
{
  GTimeVal tv;
  g_get_current_time (&tv);
  return (int) tv.tv_sec;
}
