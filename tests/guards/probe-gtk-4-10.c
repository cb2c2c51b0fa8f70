/* GtkFileDialog is GTK 4.10: must not build. */
#include <gtk/gtk.h>

void *probe (void);

void *
probe (void)
{
  return gtk_file_dialog_new ();
}
