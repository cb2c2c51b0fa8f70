/* Uses only API that GTK 4.8, libadwaita 1.2 and GLib 2.74 have: must build. */
#include <adwaita.h>

int probe (void);

int
probe (void)
{
  GdkFileList *list = gdk_file_list_new_from_list (NULL);       /* GTK 4.8 */
  GtkWidget *dialog = adw_message_dialog_new (NULL, "t", "b");  /* libadwaita 1.2 */
  GSignalGroup *group = g_signal_group_new (G_TYPE_OBJECT);     /* GLib 2.72 */

  return list != NULL && dialog != NULL && group != NULL;
}
