/* AdwToolbarView is libadwaita 1.4: must not build. */
#include <adwaita.h>

void *probe (void);

void *
probe (void)
{
  return adw_toolbar_view_new ();
}
