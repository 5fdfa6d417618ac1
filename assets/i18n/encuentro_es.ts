<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_SV" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="18"/>
        <source>About Encuentro</source>
        <translation>Acerca de Encuentro</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="23"/>
        <source>Version:</source>
        <translation>Versión:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="24"/>
        <source>Data folder:</source>
        <translation>Carpeta de datos:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="25"/>
        <source>Log folder:</source>
        <translation>Carpeta de registros:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="26"/>
        <source>Database schema version:</source>
        <translation>Versión del esquema de la base de datos:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="27"/>
        <source>Server address:</source>
        <translation>Dirección del servidor:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="27"/>
        <source>(none set)</source>
        <translation>(ninguna configurada)</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <location filename="../../ui/pin_setup.py" line="133"/>
        <location filename="../../ui/pin_setup.py" line="153"/>
        <source>Change PIN</source>
        <translation>Cambiar el PIN</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="136"/>
        <source>Change the PIN of %1. The sessions stay as they are.</source>
        <translation>Cambiar el PIN de %1. Las sesiones quedan como están.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="142"/>
        <source>Current PIN</source>
        <translation>PIN actual</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="143"/>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="144"/>
        <source>The same PIN again</source>
        <translation>El mismo PIN otra vez</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="155"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="168"/>
        <source>The PIN needs at least %1 characters.</source>
        <translation>El PIN necesita al menos %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="173"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>Los dos PIN no coinciden. Escriba el mismo PIN dos veces.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="190"/>
        <source>The current PIN is wrong. Try again.</source>
        <translation>El PIN actual no es correcto. Intente de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pin_setup.py" line="194"/>
        <source>Too many wrong PINs. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. Espere %n segundo y vuelva a intentarlo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. Espere %n segundos y vuelva a intentarlo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="200"/>
        <source>The PIN could not be changed: %1</source>
        <translation>No se pudo cambiar el PIN: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="207"/>
        <source>Checking the PIN…</source>
        <translation>Comprobando el PIN…</translation>
    </message>
</context>
<context>
    <name>ChoiceEditors</name>
    <message>
        <location filename="../../ui/runner/choice_editors.py" line="55"/>
        <source>No options yet: answer the questions above first.</source>
        <translation>Todavía no hay opciones: primero responda las preguntas de arriba.</translation>
    </message>
</context>
<context>
    <name>DamagedData</name>
    <message>
        <location filename="../../ui/damaged_data.py" line="24"/>
        <source>Encuentro&apos;s data file is damaged</source>
        <translation>El archivo de datos de Encuentro está dañado</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_data.py" line="31"/>
        <source>The data file %1 is damaged and there is no good backup of it.

Do not delete anything. Close Encuentro, keep a copy of the file and of the &apos;backups&apos; folder next to it, and ask your coordinator for help to recover the sessions.</source>
        <translation>El archivo de datos %1 está dañado y no hay una copia de seguridad buena.

No borre nada. Cierre Encuentro, guarde una copia del archivo y de la carpeta &apos;backups&apos; que está a su lado, y pida ayuda a su coordinación para recuperar las sesiones.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_data.py" line="44"/>
        <source>The data file %1 is damaged: part of it cannot be read.

Encuentro can put back the backup made on %2. Sessions saved after that day will be missing from it. The damaged file is not deleted: it is kept beside it (its name ends in &apos;damaged&apos; and the date) so your coordinator can try to recover those sessions.

Restore the backup now, or close Encuentro and ask your coordinator.</source>
        <translation>El archivo de datos %1 está dañado: una parte no se puede leer.

Encuentro puede volver a poner la copia de seguridad hecha el %2. Las sesiones guardadas después de ese día no estarán en ella. El archivo dañado no se borra: se guarda a su lado (su nombre termina en &apos;damaged&apos; y la fecha) para que su coordinación intente recuperar esas sesiones.

Restaure la copia ahora, o cierre Encuentro y consulte a su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_data.py" line="54"/>
        <source>Restore the backup</source>
        <translation>Restaurar la copia</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_data.py" line="64"/>
        <source>The backup could not be put back. Nothing was deleted. Close Encuentro and ask your coordinator for help.</source>
        <translation>No se pudo volver a poner la copia de seguridad. No se borró nada. Cierre Encuentro y pida ayuda a su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_data.py" line="75"/>
        <source>The backup is back in place. The damaged file was kept as %1.</source>
        <translation>La copia de seguridad está de nuevo en su lugar. El archivo dañado se guardó como %1.</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="45"/>
        <source>The figures could not be counted: %1</source>
        <translation>No se pudieron contar las cifras: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="60"/>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="87"/>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="60"/>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="68"/>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="79"/>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="83"/>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="87"/>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="61"/>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor/dashboard_controller.py" line="64"/>
        <source>%n current session(s) on this laptop (newest version of each).</source>
        <translation>
            <numerusform>%n sesión vigente en esta computadora (la versión más reciente de cada una).</numerusform>
            <numerusform>%n sesiones vigentes en esta computadora (la versión más reciente de cada una).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="68"/>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="76"/>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="70"/>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="73"/>
        <source>Age group</source>
        <translation>Grupo de edad</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="79"/>
        <source>Review state</source>
        <translation>Estado de revisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="83"/>
        <source>Week starting</source>
        <translation>Semana del</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_controller.py" line="92"/>
        <source>Not recorded</source>
        <translation>Sin registrar</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="207"/>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="208"/>
        <source>Count again from this laptop&apos;s copy</source>
        <translation>Volver a contar con la copia de esta computadora</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="210"/>
        <source>Sessions per community</source>
        <translation>Sesiones por comunidad</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="211"/>
        <source>Sessions per participant group</source>
        <translation>Sesiones por grupo de participantes</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="212"/>
        <source>Participants by sex</source>
        <translation>Participantes por sexo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="213"/>
        <source>Participants by age group</source>
        <translation>Participantes por grupo de edad</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="214"/>
        <source>Participants by group</source>
        <translation>Participantes por grupo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="215"/>
        <source>Sessions by review state</source>
        <translation>Sesiones por estado de revisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="216"/>
        <source>Sessions per week</source>
        <translation>Sesiones por semana</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dashboard_view.py" line="217"/>
        <source>Communities with no session yet</source>
        <translation>Comunidades aún sin sesión</translation>
    </message>
</context>
<context>
    <name>DateTimeEditor</name>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="125"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="134"/>
        <source>Calendar…</source>
        <translation>Calendario…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="135"/>
        <source>Choose the date on a calendar</source>
        <translation>Elegir la fecha en un calendario</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="139"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="144"/>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="153"/>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="162"/>
        <source>Choose a session in the list to review it.</source>
        <translation>Elija una sesión de la lista para revisarla.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="228"/>
        <source>Only changed a&amp;nswers</source>
        <translation>Solo respuestas cam&amp;biadas</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="274"/>
        <source>&amp;Comment (required to return or reject):</source>
        <translation>&amp;Comentario (obligatorio para devolver o rechazar):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="276"/>
        <source>What the facilitator should correct, or why the session is rejected</source>
        <translation>Qué debe corregir quien facilitó, o por qué se rechaza la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="278"/>
        <source>&amp;Approve</source>
        <translation>&amp;Aprobar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="279"/>
        <source>Approve this version (Alt+A)</source>
        <translation>Aprobar esta versión (Alt+A)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="280"/>
        <source>Has &amp;issues: return</source>
        <translation>Tiene &amp;problemas: devolver</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="282"/>
        <source>Return it to its facilitator with your comment (Alt+I)</source>
        <translation>Devolverla a quien la facilitó, con su comentario (Alt+P)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="284"/>
        <source>&amp;Reject</source>
        <translation>&amp;Rechazar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="285"/>
        <source>Reject it, with the reason in the comment (Alt+R)</source>
        <translation>Rechazarla, con el motivo en el comentario (Alt+R)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="286"/>
        <source>Wit&amp;hdraw queued review</source>
        <translation>Descartar &amp;la revisión en cola</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="288"/>
        <source>Do not send the review waiting for this session; decide again instead</source>
        <translation>No enviar la revisión que espera para esta sesión; decida de nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail_view.py" line="300"/>
        <source>changed</source>
        <translation>cambió</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../ui/dialogs.py" line="46"/>
        <source>The project&apos;s private key</source>
        <translation>La clave privada del proyecto</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="48"/>
        <source>Private key (*.pem *.key);;All files (*)</source>
        <translation>Clave privada (*.pem *.key);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="56"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="57"/>
        <source>Passphrase of the private key:</source>
        <translation>Frase de contraseña de la clave privada:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="74"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Buscar en:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="75"/>
        <source>File &amp;name:</source>
        <translation>&amp;Nombre del archivo:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="76"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Tipo de archivo:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="112"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="113"/>
        <source>Something went wrong; your answers are saved.

You can keep working. If it happens again, copy the details and send them to your coordination.</source>
        <translation>Algo salió mal; sus respuestas están guardadas.

Puede seguir trabajando. Si vuelve a pasar, copie los detalles y envíelos a su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="124"/>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="78"/>
        <source>Report (PDF)</source>
        <translation>Informe (PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="80"/>
        <source>Export for QDA (.qdpx)</source>
        <translation>Exportar para QDA (.qdpx)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="82"/>
        <source>Export sessions</source>
        <translation>Exportar sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="91"/>
        <source>All questionnaires</source>
        <translation>Todos los cuestionarios</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="99"/>
        <source>CSV files in a .zip (like ODK Central)</source>
        <translation>Archivos CSV en un .zip (como ODK Central)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="100"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Libro de Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="101"/>
        <source>REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)</source>
        <translation>Proyecto REFI-QDA (.qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="102"/>
        <source>PDF report for programme staff (approved sessions only)</source>
        <translation>Informe PDF para el personal del programa (solo sesiones aprobadas)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="106"/>
        <source>Only a&amp;pproved sessions</source>
        <translation>Solo sesiones a&amp;probadas</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="109"/>
        <source>&amp;Labels instead of values</source>
        <translation>Eti&amp;quetas en lugar de valores</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="121"/>
        <source>&amp;Form:</source>
        <translation>&amp;Formulario:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="122"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormato:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="123"/>
        <source>Lan&amp;guage of the labels:</source>
        <translation>Idio&amp;ma de las etiquetas:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="133"/>
        <source>The file holds the participants&apos; answers: keep it only where the agency&apos;s rules allow.</source>
        <translation>El archivo contiene las respuestas de las personas participantes: guárdelo solo donde lo permitan las normas de la agencia.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="145"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="149"/>
        <location filename="../../ui/supervisor/export_dialog.py" line="291"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="165"/>
        <source>No questionnaire is on this laptop yet: sync first.</source>
        <translation>Todavía no hay ningún cuestionario en esta computadora: sincronice primero.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="196"/>
        <source>CSV files in a .zip (*.zip)</source>
        <translation>Archivos CSV en un .zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="197"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="198"/>
        <source>REFI-QDA project (*.qdpx)</source>
        <translation>Proyecto REFI-QDA (*.qdpx)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="199"/>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="202"/>
        <source>Save the export as</source>
        <translation>Guardar la exportación como</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="216"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="219"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="243"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor/export_dialog.py" line="256"/>
        <source>%n session(s) exported to %1</source>
        <translation>
            <numerusform>%n sesión exportada a %1</numerusform>
            <numerusform>%n sesiones exportadas a %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="266"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Exportación cancelada: no se guardó ningún archivo.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="269"/>
        <source>This questionnaire is not on this laptop yet: sync first.</source>
        <translation>Este cuestionario todavía no está en esta computadora: sincronice primero.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="271"/>
        <source>The file could not be written (%1). Choose another folder.</source>
        <translation>No se pudo guardar el archivo (%1). Elija otra carpeta.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="275"/>
        <source>The export could not be made: %1</source>
        <translation>No se pudo hacer la exportación: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/export_dialog.py" line="278"/>
        <source>The export failed unexpectedly (%1); no file was written.</source>
        <translation>La exportación falló inesperadamente (%1); no se guardó ningún archivo.</translation>
    </message>
</context>
<context>
    <name>FindingsController</name>
    <message>
        <location filename="../../ui/findings/controller.py" line="76"/>
        <location filename="../../ui/findings/controller.py" line="83"/>
        <source>Approved only</source>
        <translation>Solo aprobadas</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="77"/>
        <source>Every review state</source>
        <translation>Todos los estados de revisión</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="78"/>
        <source>Not reviewed yet</source>
        <translation>Sin revisar todavía</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="79"/>
        <source>Has issues</source>
        <translation>Con observaciones</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="80"/>
        <source>Rejected</source>
        <translation>Rechazadas</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="82"/>
        <source>Every finalized session</source>
        <translation>Todas las finalizadas</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="85"/>
        <source>Participant group</source>
        <translation>Grupo de participantes</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="86"/>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="87"/>
        <source>Municipality</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="88"/>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="116"/>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="132"/>
        <source>The findings could not be counted (%1). Sync again, or tell your coordinator.</source>
        <translation>No se pudieron contar los hallazgos (%1). Sincronice de nuevo o avise a su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="155"/>
        <source>All questionnaires</source>
        <translation>Todos los cuestionarios</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="157"/>
        <source>All communities</source>
        <translation>Todas las comunidades</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/findings/controller.py" line="165"/>
        <source>%n focus-group session(s)</source>
        <translation>
            <numerusform>%n sesión de grupo focal</numerusform>
            <numerusform>%n sesiones de grupo focal</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/findings/controller.py" line="166"/>
        <source>%n needs interview(s)</source>
        <translation>
            <numerusform>%n entrevista de necesidades</numerusform>
            <numerusform>%n entrevistas de necesidades</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/findings/controller.py" line="169"/>
        <source>%n session(s) could not be read (sync again)</source>
        <translation>
            <numerusform>%n sesión no se pudo leer (sincronice de nuevo)</numerusform>
            <numerusform>%n sesiones no se pudieron leer (sincronice de nuevo)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="172"/>
        <source>All topics</source>
        <translation>Todos los temas</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="175"/>
        <location filename="../../ui/findings/controller.py" line="186"/>
        <source>Not recorded</source>
        <translation>Sin dato</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="194"/>
        <source>Theme</source>
        <translation>Tema codificado</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="194"/>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="204"/>
        <source>Quote&amp;s: choose a count above</source>
        <translation>Cita&amp;s: elija un conteo arriba</translation>
    </message>
    <message>
        <location filename="../../ui/findings/controller.py" line="214"/>
        <source>Quote&amp;s behind “%1” (%2)%3</source>
        <translation>Cita&amp;s detrás de «%1» (%2)%3</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../../ui/findings/view.py" line="191"/>
        <source>F&amp;orm:</source>
        <translation>&amp;Formulario:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="192"/>
        <source>Re&amp;view:</source>
        <translation>Re&amp;visión:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="193"/>
        <source>Co&amp;mmunity:</source>
        <translation>Co&amp;munidad:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="195"/>
        <source>&amp;to:</source>
        <translation>&amp;hasta:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="194"/>
        <source>&amp;Dates from:</source>
        <translation>Sesiones &amp;desde:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="196"/>
        <source>Spl&amp;it by:</source>
        <translation>Desglosar &amp;por:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="197"/>
        <source>To&amp;pic:</source>
        <translation>Tema de discusió&amp;n:</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="199"/>
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="200"/>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="201"/>
        <source>&amp;Report (PDF)…</source>
        <translation>Info&amp;rme (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="203"/>
        <source>A short PDF for programme staff: coverage, top themes with quotes, needs</source>
        <translation>Un PDF breve para el personal del programa: cobertura, temas principales con citas, necesidades</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="205"/>
        <source>Export for &amp;QDA (.qdpx)…</source>
        <translation>Exportar para &amp;QDA (.qdpx)…</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="207"/>
        <source>A REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder</source>
        <translation>Un proyecto REFI-QDA para NVivo, ATLAS.ti, MAXQDA o QualCoder</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="209"/>
        <source>Themes</source>
        <translation>Temas</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="210"/>
        <source>Needs</source>
        <translation>Necesidades</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="211"/>
        <source>Sessions that raised each theme</source>
        <translation>Sesiones que mencionaron cada tema</translation>
    </message>
    <message>
        <location filename="../../ui/findings/view.py" line="214"/>
        <source>Score: a need at rank 1 of 3 counts 3, at rank 2 counts 2, at rank 3 counts 1. A needs interview names its community only.</source>
        <translation>Puntaje: una necesidad en el puesto 1 de 3 vale 3, en el puesto 2 vale 2, en el puesto 3 vale 1. Una entrevista de necesidades indica solo su comunidad.</translation>
    </message>
</context>
<context>
    <name>FocusGroupPanel</name>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="235"/>
        <source>Session timer</source>
        <translation>Cronómetro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="236"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="238"/>
        <source>Type a note, press Enter</source>
        <translation>Escriba una nota y presione Enter</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="245"/>
        <source>Notes taken</source>
        <translation>Notas tomadas</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="248"/>
        <source>Taking part</source>
        <translation>Participan</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="237"/>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="241"/>
        <source>Enter saves the note with the time and topic. Ctrl+N (or F6) goes to the notes box and back to the question.</source>
        <translation>Enter guarda la nota con la hora y el tema. Ctrl+N (o F6) va al cuadro de notas y vuelve a la pregunta.</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="247"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="249"/>
        <source>By sex</source>
        <translation>Por sexo</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="250"/>
        <source>By age</source>
        <translation>Por edad</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="251"/>
        <source>By group</source>
        <translation>Por grupo</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="260"/>
        <source>Topic: %1</source>
        <translation>Tema: %1</translation>
    </message>
</context>
<context>
    <name>FormRunner</name>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="166"/>
        <source>Answers not saved</source>
        <translation>Respuestas sin guardar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="168"/>
        <source>%n answer(s) could not be saved and are still only on the screen. If you close the session now they are lost. Close anyway?</source>
        <translation>
            <numerusform>%n respuesta no se pudo guardar y solo está en la pantalla. Si cierra la sesión ahora, se pierde. ¿Cerrar de todos modos?</numerusform>
            <numerusform>%n respuestas no se pudieron guardar y solo están en la pantalla. Si cierra la sesión ahora, se pierden. ¿Cerrar de todos modos?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="208"/>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="220"/>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="255"/>
        <source>Not saved yet: %1
Your answer stays here and is saved as soon as the data file takes it again (tried every few seconds).</source>
        <translation>Todavía sin guardar: %1
Su respuesta se queda aquí y se guarda en cuanto el archivo de datos la acepte de nuevo (se intenta cada pocos segundos).</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="282"/>
        <source>%1 of %2 answered · required: %3 of %4</source>
        <translation>%1 de %2 respondidas · obligatorias: %3 de %4</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="311"/>
        <source>Finalized — read only</source>
        <translation>Finalizada — solo lectura</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="379"/>
        <source>This question is required.</source>
        <translation>Esta pregunta es obligatoria.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="385"/>
        <source>⚠ %n required question(s) unanswered here. Next again to go on anyway.</source>
        <translation>
            <numerusform>⚠ %n pregunta obligatoria sin responder aquí. Presione Siguiente otra vez para seguir de todos modos.</numerusform>
            <numerusform>⚠ %n preguntas obligatorias sin responder aquí. Presione Siguiente otra vez para seguir de todos modos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runner/finishing.py" line="64"/>
        <source>All required answers are given. Finalize now? It can no longer be changed afterwards.</source>
        <translation>Todas las respuestas obligatorias están dadas. ¿Finalizar ahora? Después ya no se podrá cambiar.</translation>
    </message>
    <message>
        <location filename="../../ui/runner/finishing.py" line="71"/>
        <source>All required answers are given, but these discussion topics have no notes yet:</source>
        <translation>Todas las respuestas obligatorias están dadas, pero estos temas de discusión aún no tienen notas:</translation>
    </message>
    <message>
        <location filename="../../ui/runner/finishing.py" line="78"/>
        <source>Finalize anyway? It can no longer be changed afterwards.</source>
        <translation>¿Finalizar de todos modos? Después ya no se podrá cambiar.</translation>
    </message>
    <message>
        <location filename="../../ui/runner/leaving.py" line="119"/>
        <source>This session was changed in another Encuentro window since it was opened here, so this change was not saved (it would overwrite those answers). Close the session here, open it again to see all its answers, and repeat the change.</source>
        <translation>Esta sesión se modificó en otra ventana de Encuentro después de abrirla aquí, así que este cambio no se guardó (habría sobrescrito esas respuestas). Cierre la sesión aquí, ábrala de nuevo para ver todas sus respuestas y repita el cambio.</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="461"/>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location filename="../../ui/runner/leaving.py" line="152"/>
        <source>⚠ NOT saved</source>
        <translation>⚠ NO guardado</translation>
    </message>
    <message>
        <location filename="../../ui/runner/leaving.py" line="157"/>
        <source>Answer not saved</source>
        <translation>Respuesta no guardada</translation>
    </message>
    <message>
        <location filename="../../ui/runner/leaving.py" line="159"/>
        <source>The last answer could not be saved:
%1</source>
        <translation>La última respuesta no se pudo guardar:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="515"/>
        <source>Remove entry</source>
        <translation>Quitar registro</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="511"/>
        <source>Remove “%1” and all its answers? This cannot be undone.</source>
        <translation>¿Quitar «%1» y todas sus respuestas? Esto no se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="208"/>
        <source>Session details</source>
        <translation>Datos de la sesión</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="444"/>
        <source>This answer removes %n entry(ies) that already hold answers (%1). Their answers will be lost. Remove them?</source>
        <translation>
            <numerusform>Esta respuesta quita %n registro que ya tiene respuestas (%1). Sus respuestas se perderán. ¿Quitarlo?</numerusform>
            <numerusform>Esta respuesta quita %n registros que ya tienen respuestas (%1). Sus respuestas se perderán. ¿Quitarlos?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_widget.py" line="451"/>
        <source>Remove entries</source>
        <translation>Quitar registros</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/runner_widget.py" line="507"/>
        <source>Remove “%1” (%2) and its %n answer(s)? This cannot be undone.</source>
        <translation>
            <numerusform>¿Quitar «%1» (%2) y su %n respuesta? No se puede deshacer.</numerusform>
            <numerusform>¿Quitar «%1» (%2) y sus %n respuestas? No se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runner/finishing.py" line="45"/>
        <source>Finalize session</source>
        <translation>Finalizar sesión</translation>
    </message>
</context>
<context>
    <name>HomeController</name>
    <message>
        <location filename="../../ui/home_view.py" line="144"/>
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="149"/>
        <source>Your last session: %1%2, changed %3</source>
        <translation>Su última sesión: %1%2, modificada %3</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="155"/>
        <source>No session in progress.</source>
        <translation>No hay ninguna sesión en curso.</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="156"/>
        <source>Continue this session</source>
        <translation>Continuar esta sesión</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="158"/>
        <source>Start a new session</source>
        <translation>Iniciar una sesión nueva</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/home_view.py" line="160"/>
        <source>%n session(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n sesión pendiente de enviar.</numerusform>
            <numerusform>%n sesiones pendientes de enviar.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="162"/>
        <source>Nothing waiting to be sent.</source>
        <translation>No hay nada pendiente de enviar.</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="166"/>
        <source>Last sync with the server: %1</source>
        <translation>Última sincronización con el servidor: %1</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="168"/>
        <source>Not synced with the server yet.</source>
        <translation>Aún no se ha sincronizado con el servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="170"/>
        <source>See the sessions</source>
        <translation>Ver las sesiones</translation>
    </message>
</context>
<context>
    <name>KeyboardHelp</name>
    <message>
        <location filename="../../ui/help_keys.py" line="25"/>
        <source>Everywhere</source>
        <translation>En todas partes</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="26"/>
        <source>In a session</source>
        <translation>En una sesión</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="27"/>
        <source>Focus group</source>
        <translation>Grupo focal</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="30"/>
        <source>This list of keys</source>
        <translation>Esta lista de teclas</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="31"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="32"/>
        <source>Questionnaires</source>
        <translation>Cuestionarios</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="33"/>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="37"/>
        <source>Findings: themes, quotes and needs (supervisor mode too)</source>
        <translation>Hallazgos: temas, citas y necesidades (también en modo supervisión)</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="39"/>
        <source>Quit (answers are already saved)</source>
        <translation>Salir (las respuestas ya están guardadas)</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="43"/>
        <source>Next question (Ctrl+Enter in a long answer)</source>
        <translation>Siguiente pregunta (Ctrl+Enter en una respuesta larga)</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="45"/>
        <source>Next / previous field</source>
        <translation>Campo siguiente / anterior</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="48"/>
        <source>Arrow keys</source>
        <translation>Flechas</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="49"/>
        <source>Move and select among choices</source>
        <translation>Moverse y elegir entre las opciones</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="53"/>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="54"/>
        <source>Tick or untick a check box</source>
        <translation>Marcar o desmarcar una casilla</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="56"/>
        <source>Next / previous page</source>
        <translation>Página siguiente / anterior</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="60"/>
        <source>Add an entry to the list on the page (a participant)</source>
        <translation>Agregar una entrada a la lista de la página (una participante)</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="62"/>
        <source>Check the answers and finalize</source>
        <translation>Revisar las respuestas y finalizar</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="66"/>
        <source>Close the session (answers are already saved)</source>
        <translation>Cerrar la sesión (las respuestas ya están guardadas)</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="71"/>
        <source>To the notes box, and back to the question</source>
        <translation>Ir al cuadro de notas y volver a la pregunta</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="76"/>
        <source>In the notes box: save the note with time and topic</source>
        <translation>En el cuadro de notas: guardar la nota con la hora y el tema</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="81"/>
        <source>Next / previous discussion topic</source>
        <translation>Tema de discusión siguiente / anterior</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="83"/>
        <source>Start or pause the session timer</source>
        <translation>Iniciar o pausar el cronómetro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="92"/>
        <source>Keyboard</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="95"/>
        <source>Everything can be done with the keyboard:</source>
        <translation>Todo se puede hacer con el teclado:</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="102"/>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="103"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../../ui/help_keys.py" line="104"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../../ui/launch.py" line="57"/>
        <source>Encuentro cannot open its data</source>
        <translation>Encuentro no puede abrir sus datos</translation>
    </message>
    <message>
        <location filename="../../ui/launch.py" line="85"/>
        <source>Encuentro cannot use its data folder</source>
        <translation>Encuentro no puede usar su carpeta de datos</translation>
    </message>
    <message>
        <location filename="../../ui/launch.py" line="86"/>
        <source>The data folder could not be created or opened. Check that the disk or USB stick is connected and that you may write there, or start Encuentro with another folder (--data-dir).</source>
        <translation>No se pudo crear ni abrir la carpeta de datos. Revise que el disco o la memoria USB esté conectado y que tenga permiso para guardar ahí, o abra Encuentro con otra carpeta (--data-dir).</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="122"/>
        <source>Encuentro is already running</source>
        <translation>Encuentro ya está abierto</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="123"/>
        <source>Another copy of Encuentro is using this data folder and did not answer. Close it (or wait until it has finished closing) and start Encuentro again. Two copies on one data folder would refuse each other&apos;s answers.</source>
        <translation>Otra copia de Encuentro está usando esta carpeta de datos y no respondió. Ciérrela (o espere a que termine de cerrarse) e inicie Encuentro de nuevo. Dos copias en una misma carpeta de datos rechazarían las respuestas de la otra.</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <location filename="../../ui/library_controller.py" line="78"/>
        <source>Built-in</source>
        <translation>Incluido</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="80"/>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="119"/>
        <source>Choose who is facilitating first (Change, top right).</source>
        <translation>Elija primero quién facilita (Cambiar, arriba a la derecha).</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="142"/>
        <source>The session could not be started</source>
        <translation>No se pudo iniciar la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="149"/>
        <source>Import a questionnaire</source>
        <translation>Importar un cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="150"/>
        <source>Questionnaires (*.xlsx *.xls *.csv *.md *.xml *.xform);;All files (*)</source>
        <translation>Cuestionarios (*.xlsx *.xls *.csv *.md *.xml *.xform);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="161"/>
        <source>Importing %s…</source>
        <translation>Importando %s…</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="193"/>
        <source>Added “%1” (version %2).</source>
        <translation>Se agregó «%1» (versión %2).</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="195"/>
        <source>“%1” version %2 was already here; nothing was duplicated.</source>
        <translation>«%1» versión %2 ya estaba aquí; no se duplicó nada.</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="211"/>
        <source>sheet “%1”</source>
        <translation>hoja «%1»</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="213"/>
        <source>row %1</source>
        <translation>fila %1</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="215"/>
        <source>column “%1”</source>
        <translation>columna «%1»</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="223"/>
        <source>The file %1 is no longer where it was (was the USB stick removed, or the file moved?). Find it and import it again.</source>
        <translation>El archivo %1 ya no está donde estaba (¿se retiró la memoria USB o se movió el archivo?). Búsquelo e impórtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="228"/>
        <source>Encuentro may not open the file %1. If it is open in another program (for example your spreadsheet program), close it there and import it again.</source>
        <translation>Encuentro no tiene permiso para abrir el archivo %1. Si está abierto en otro programa (por ejemplo, en su programa de hojas de cálculo), ciérrelo allí e impórtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="233"/>
        <source>The file %1 could not be read. Check that the disk or USB stick is connected and import it again.</source>
        <translation>No se pudo leer el archivo %1. Revise que el disco o la memoria USB esté conectado e impórtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="241"/>
        <source>%s could not be imported.</source>
        <translation>No se pudo importar %s.</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="246"/>
        <source>The file could not be read</source>
        <translation>No se pudo leer el archivo</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="254"/>
        <source>The questionnaire could not be saved</source>
        <translation>No se pudo guardar el cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="260"/>
        <source>The file %1 could not be imported:</source>
        <translation>No se pudo importar el archivo %1:</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="262"/>
        <source>Correct this in the file (for example in your spreadsheet program), save it and import it again. Nothing else was changed.</source>
        <translation>Corrija esto en el archivo (por ejemplo, en su programa de hojas de cálculo), guárdelo e impórtelo de nuevo. No se cambió nada más.</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="267"/>
        <source>This questionnaire has a problem</source>
        <translation>Este cuestionario tiene un problema</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="275"/>
        <source>Unexpected problem</source>
        <translation>Problema inesperado</translation>
    </message>
    <message>
        <location filename="../../ui/library_controller.py" line="276"/>
        <source>Encuentro could not import %s because of an internal error.</source>
        <translation>Encuentro no pudo importar %s por un error interno.</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../ui/library_view.py" line="77"/>
        <source>Choose a questionnaire and start a session with Enter or a double click.</source>
        <translation>Elija un cuestionario e inicie una sesión con Enter o con doble clic.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="80"/>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="80"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="80"/>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="80"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="82"/>
        <source>&amp;Start a new session</source>
        <translation>&amp;Iniciar una sesión nueva</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="83"/>
        <source>Start the selected questionnaire (Enter)</source>
        <translation>Iniciar el cuestionario seleccionado (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="84"/>
        <source>&amp;Import form…</source>
        <translation>I&amp;mportar formulario…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="85"/>
        <source>Add an XLSForm or XForm file (Ctrl+I)</source>
        <translation>Agregar un archivo XLSForm o XForm (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="87"/>
        <source>You can also drop XLSForm (.xlsx) or XForm (.xml) files on this window.</source>
        <translation>También puede arrastrar archivos XLSForm (.xlsx) o XForm (.xml) a esta ventana.</translation>
    </message>
</context>
<context>
    <name>LockView</name>
    <message>
        <location filename="../../ui/lock_screen.py" line="105"/>
        <source>Encuentro is locked</source>
        <translation>Encuentro está bloqueado</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="107"/>
        <source>Your answers are saved. Type your PIN to continue where you left off.</source>
        <translation>Sus respuestas están guardadas. Escriba su PIN para seguir donde se quedó.</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="109"/>
        <location filename="../../ui/lock_screen.py" line="110"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="111"/>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="112"/>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="348"/>
        <source>The session could not be opened</source>
        <translation>No se pudo abrir la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357"/>
        <source>Returned for correction. The supervisor says: %1</source>
        <translation>Devuelta para corregir. La supervisión dice: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="358"/>
        <source>Returned for correction by the supervisor.</source>
        <translation>Devuelta para corregir por la supervisión.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>To correct it, close it and choose Correct and resubmit (Ctrl+E).</source>
        <translation>Para corregirla, ciérrela y elija Corregir y reenviar (Ctrl+E).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="364"/>
        <source>The supervisor says: %1</source>
        <translation>La supervisión dice: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Session finalized and ready to send.</source>
        <translation>Sesión finalizada y lista para enviar.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="425"/>
        <source>The language could not be saved</source>
        <translation>No se pudo guardar el idioma</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439"/>
        <source>Facilitator: %1</source>
        <translation>Facilita: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="447"/>
        <source>Encuentro — field sessions</source>
        <translation>Encuentro — sesiones de campo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="450"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="451"/>
        <source>Home (Ctrl+0)</source>
        <translation>Inicio (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="452"/>
        <source>Questionnaires</source>
        <translation>Cuestionarios</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="453"/>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="457"/>
        <source>Findings</source>
        <translation>Hallazgos</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="459"/>
        <source>What your finalized sessions say: themes, quotes, needs (Ctrl+3)</source>
        <translation>Lo que dicen sus sesiones finalizadas: temas, citas, necesidades (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="462"/>
        <source>&amp;Questionnaires</source>
        <translation>&amp;Cuestionarios</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474"/>
        <source>Keyboard (F1)</source>
        <translation>Teclado (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="475"/>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="476"/>
        <source>Help: the keyboard keys (F1)</source>
        <translation>Ayuda: las teclas del teclado (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="477"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="478"/>
        <source>&amp;About Encuentro</source>
        <translation>&amp;Acerca de Encuentro</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="479"/>
        <source>Lang&amp;uage:</source>
        <translation>Idi&amp;oma:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="454"/>
        <location filename="../../ui/main_window.py" line="463"/>
        <source>Questionnaires (Ctrl+1)</source>
        <translation>Cuestionarios (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>Some built-in questionnaires could not be loaded:</source>
        <translation>Algunos cuestionarios incluidos no se pudieron cargar:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="464"/>
        <source>&amp;Sessions</source>
        <translation>&amp;Sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <location filename="../../ui/main_window.py" line="465"/>
        <source>Sessions (Ctrl+2)</source>
        <translation>Sesiones (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_entry.py" line="71"/>
        <source>&amp;Supervisor: continue as %1</source>
        <translation>&amp;Supervisión: continuar como %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_entry.py" line="76"/>
        <source>Back to reviewing, signed in on %1</source>
        <translation>Volver a revisar, con la sesión iniciada en %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="466"/>
        <source>C&amp;hange</source>
        <translation>Cam&amp;biar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="468"/>
        <source>Back to choosing who is facilitating (Alt+H)</source>
        <translation>Volver a elegir quién facilita (Alt+B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>NeedModel</name>
    <message>
        <location filename="../../ui/findings/models.py" line="94"/>
        <source>Need</source>
        <translation>Necesidad</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="95"/>
        <source>Mentions</source>
        <translation>Menciones</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="96"/>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="97"/>
        <source>Rank %1</source>
        <translation>Puesto %1</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../ui/pin_setup.py" line="61"/>
        <source>Protect your profile with a PIN</source>
        <translation>Proteja su perfil con un PIN</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="64"/>
        <source>Your name, as your team knows you</source>
        <translation>Su nombre, como lo conoce su equipo</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="65"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="69"/>
        <source>your profile</source>
        <translation>su perfil</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="72"/>
        <source>The sessions of %1 will be encrypted on this laptop: only this PIN opens them. Use at least %2 digits, or a passphrase. If it is forgotten, only your coordinator can recover the sessions.</source>
        <translation>Las sesiones de %1 quedarán cifradas en esta computadora: solo este PIN las abre. Use al menos %2 dígitos, o una frase secreta. Si lo olvida, solo su coordinación puede recuperar las sesiones.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="81"/>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="82"/>
        <source>The same PIN again</source>
        <translation>El mismo PIN otra vez</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="92"/>
        <source>Save PIN</source>
        <translation>Guardar el PIN</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="94"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="107"/>
        <source>Type the facilitator&apos;s name first.</source>
        <translation>Primero escriba el nombre de la persona facilitadora.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="109"/>
        <source>The PIN needs at least %1 characters.</source>
        <translation>El PIN necesita al menos %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_setup.py" line="113"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>Los dos PIN no coinciden. Escriba el mismo PIN dos veces.</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../ui/runner/problems_panel.py" line="53"/>
        <source>Click a problem (or press Enter) to go to its question</source>
        <translation>Haga clic en un problema (o presione Enter) para ir a su pregunta</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runner/problems_panel.py" line="72"/>
        <source>%n problem(s) to fix before finalizing:</source>
        <translation>
            <numerusform>%n problema que corregir antes de finalizar:</numerusform>
            <numerusform>%n problemas que corregir antes de finalizar:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionBlock</name>
    <message>
        <location filename="../../ui/runner/question_block.py" line="110"/>
        <source>* Required question</source>
        <translation>* Pregunta obligatoria</translation>
    </message>
</context>
<context>
    <name>QuoteModel</name>
    <message>
        <location filename="../../ui/findings/models.py" line="132"/>
        <source>Quote</source>
        <translation>Cita</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="132"/>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="132"/>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="132"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
</context>
<context>
    <name>RankEditor</name>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="59"/>
        <source>Ranking, first to last</source>
        <translation>Clasificación, de primero a último</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="62"/>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="63"/>
        <source>Move the selected choice up (Alt+Up)</source>
        <translation>Subir la opción seleccionada (Alt+Flecha arriba)</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="64"/>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="65"/>
        <source>Move the selected choice down (Alt+Down)</source>
        <translation>Bajar la opción seleccionada (Alt+Flecha abajo)</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="66"/>
        <source>Keep this order</source>
        <translation>Dejar este orden</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="67"/>
        <source>Answer with the order shown</source>
        <translation>Responder con el orden que se muestra</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="68"/>
        <source>Clear ranking</source>
        <translation>Borrar el orden</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="131"/>
        <source>Ranked.</source>
        <translation>Ordenado.</translation>
    </message>
    <message>
        <location filename="../../ui/runner/rank_editor.py" line="133"/>
        <source>Not ranked yet: move the choices into order, or keep this order.</source>
        <translation>Aún sin ordenar: mueva las opciones para ordenarlas, o deje este orden.</translation>
    </message>
</context>
<context>
    <name>RepeatFooter</name>
    <message>
        <location filename="../../ui/runner/question_block.py" line="285"/>
        <source>+ Add another entry</source>
        <translation>+ Agregar otro registro</translation>
    </message>
</context>
<context>
    <name>RepeatHeading</name>
    <message numerus="yes">
        <location filename="../../ui/runner/question_block.py" line="256"/>
        <source>%n entered</source>
        <translation>
            <numerusform>%n registrado</numerusform>
            <numerusform>%n registrados</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runner/question_block.py" line="257"/>
        <source>+ Add an entry</source>
        <translation>+ Agregar un registro</translation>
    </message>
    <message>
        <location filename="../../ui/runner/question_block.py" line="258"/>
        <source>Add an entry to this list (Ctrl+Shift+A)</source>
        <translation>Agregar una entrada a esta lista (Ctrl+Mayús+A)</translation>
    </message>
</context>
<context>
    <name>RepeatInstanceHeading</name>
    <message>
        <location filename="../../ui/runner/question_block.py" line="302"/>
        <source>Remove…</source>
        <translation>Quitar…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/question_block.py" line="303"/>
        <source>Remove this entry and its answers (asks first)</source>
        <translation>Quitar este registro y sus respuestas (pregunta antes)</translation>
    </message>
    <message>
        <location filename="../../ui/runner/question_block.py" line="314"/>
        <source>%1 #%2</source>
        <translation>%1 n.º %2</translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <location filename="../../ui/resume_offer.py" line="52"/>
        <source>Encuentro was not closed properly last time. Continue “%1” in %2, started %3?</source>
        <translation>Encuentro no se cerró correctamente la última vez. ¿Continuar «%1» en %2, iniciada a las %3?</translation>
    </message>
    <message>
        <location filename="../../ui/resume_offer.py" line="58"/>
        <source>Encuentro was not closed properly last time. Continue “%1”, started %3?</source>
        <translation>Encuentro no se cerró correctamente la última vez. ¿Continuar «%1», iniciada a las %3?</translation>
    </message>
    <message>
        <location filename="../../ui/resume_offer.py" line="74"/>
        <source>Continue the unfinished session?</source>
        <translation>¿Continuar la sesión sin terminar?</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="98"/>
        <source>All forms</source>
        <translation>Todos los formularios</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="99"/>
        <source>All communities</source>
        <translation>Todas las comunidades</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="100"/>
        <source>Everyone</source>
        <translation>Todas las personas</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="104"/>
        <source>Any review state</source>
        <translation>Cualquier estado de revisión</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor/review_controller.py" line="157"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n sesión</numerusform>
            <numerusform>%n sesiones</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="159"/>
        <source>No session matches. Sync to bring the team&apos;s sessions.</source>
        <translation>Ninguna sesión coincide. Sincronice para traer las sesiones del equipo.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="202"/>
        <source>This session cannot be shown: %1</source>
        <translation>Esta sesión no se puede mostrar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="212"/>
        <source>%1 · %2 · received %3</source>
        <translation>%1 · %2 · recibida el %3</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="215"/>
        <source>device: %1</source>
        <translation>dispositivo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="220"/>
        <source>Version %1 of %2 of this session.</source>
        <translation>Versión %1 de %2 de esta sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="226"/>
        <source>A newer version replaced this one: review the newest version instead.</source>
        <translation>Una versión más reciente reemplazó a esta: revise la versión más reciente.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor/review_controller.py" line="232"/>
        <source>Changes from the previous version (%n answer(s) changed)</source>
        <translation>
            <numerusform>Cambios respecto a la versión anterior (%n respuesta cambió)</numerusform>
            <numerusform>Cambios respecto a la versión anterior (%n respuestas cambiaron)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="237"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="238"/>
        <source>Before (%1)</source>
        <translation>Antes (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="239"/>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="240"/>
        <source>Changed</source>
        <translation>Cambió</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="247"/>
        <source>This session is encrypted for the project. Choose Private key… and give the project&apos;s private key and its passphrase to read it.</source>
        <translation>Esta sesión está cifrada para el proyecto. Elija «Clave privada…» y dé la clave privada del proyecto y su frase de contraseña para leerla.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="254"/>
        <source>The questionnaire of this session is not on this laptop yet: sync to see it.</source>
        <translation>El cuestionario de esta sesión aún no está en esta computadora: sincronice para verla.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="259"/>
        <source>Review history</source>
        <translation>Historial de revisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="264"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="264"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="264"/>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="264"/>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="271"/>
        <source>Not reviewed yet.</source>
        <translation>Aún sin revisar.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="293"/>
        <source>Open %1 (%2)</source>
        <translation>Abrir %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="299"/>
        <source>Your review (%1) is queued: it goes out at the next sync.</source>
        <translation>Su revisión (%1) está en cola: se enviará en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="302"/>
        <source>Review: %1</source>
        <translation>Revisión: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="311"/>
        <source>Not sent: the session changed on the server (a newer version, or another review). Sync, look at it again and decide on the newest version.</source>
        <translation>No enviada: la sesión cambió en el servidor (una versión más reciente u otra revisión). Sincronice, revísela de nuevo y decida sobre la versión más reciente.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="315"/>
        <source>Not sent yet: the server could not be reached. It is retried.</source>
        <translation>Aún no enviada: no se pudo contactar al servidor. Se volverá a intentar.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="316"/>
        <source>Not sent: the server refused it (%1).</source>
        <translation>No enviada: el servidor la rechazó (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="328"/>
        <source>Write in the comment what to correct.</source>
        <translation>Escriba en el comentario qué se debe corregir.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="330"/>
        <source>Write in the comment why it is rejected.</source>
        <translation>Escriba en el comentario por qué se rechaza.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="381"/>
        <source>The private key could not be opened</source>
        <translation>No se pudo abrir la clave privada</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="383"/>
        <source>Check the passphrase, and that the file is the project&apos;s private key (a .pem file), then try again.</source>
        <translation>Revise la frase de contraseña y que el archivo sea la clave privada del proyecto (un archivo .pem), y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="406"/>
        <source>This file is not on this laptop yet and the server does not answer.</source>
        <translation>Este archivo aún no está en esta computadora y el servidor no responde.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_controller.py" line="408"/>
        <source>The file could not be opened: %1</source>
        <translation>No se pudo abrir el archivo: %1</translation>
    </message>
</context>
<context>
    <name>ReviewListModel</name>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="101"/>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="102"/>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="103"/>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="104"/>
        <source>Facilitator</source>
        <translation>Facilitador(a)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="105"/>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="106"/>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="107"/>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="129"/>
        <source>Queued: %1</source>
        <translation>En cola: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="133"/>
        <source>not sent yet; open it to see why</source>
        <translation>aún no enviada; ábrala para ver por qué</translation>
    </message>
</context>
<context>
    <name>ReviewState</name>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="25"/>
        <source>To review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="26"/>
        <source>Corrected, to review</source>
        <translation>Corregida, por revisar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="27"/>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="28"/>
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="29"/>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/list_model.py" line="30"/>
        <source>Review queued</source>
        <translation>Revisión en cola</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="140"/>
        <source>Search community, facilitator, device or form (Ctrl+F)</source>
        <translation>Buscar comunidad, facilitador(a), dispositivo o formulario (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="142"/>
        <source>F&amp;orm:</source>
        <translation>F&amp;ormulario:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="143"/>
        <source>Co&amp;mmunity:</source>
        <translation>Co&amp;munidad:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="144"/>
        <source>Facilitator / &amp;device:</source>
        <translation>Facilitador(a) / &amp;dispositivo:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="145"/>
        <source>Re&amp;view:</source>
        <translation>Re&amp;visión:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="146"/>
        <source>Received &amp;from:</source>
        <translation>Recibidas de&amp;sde:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="147"/>
        <source>&amp;to:</source>
        <translation>&amp;hasta:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="149"/>
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="150"/>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="151"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="152"/>
        <source>Private key…</source>
        <translation>Clave privada…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="155"/>
        <source>Read and export encrypted sessions with the project&apos;s private key (kept in memory until you sign out or close Encuentro)</source>
        <translation>Leer y exportar sesiones cifradas con la clave privada del proyecto (se guarda en la memoria hasta que cierre la sesión o Encuentro)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/review_view.py" line="160"/>
        <source>Save the sessions of a form as CSV files (like ODK Central) or Excel</source>
        <translation>Guardar las sesiones de un formulario como archivos CSV (como ODK Central) o Excel</translation>
    </message>
</context>
<context>
    <name>RunnerView</name>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="137"/>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="138"/>
        <source>Finalize…</source>
        <translation>Finalizar…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="139"/>
        <source>Check the answers and finalize (Ctrl+F)</source>
        <translation>Revisar las respuestas y finalizar (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="140"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="141"/>
        <source>Close this session; answers are already saved (Esc)</source>
        <translation>Cerrar esta sesión; las respuestas ya están guardadas (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="143"/>
        <source>◀ Previous</source>
        <translation>◀ Anterior</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="145"/>
        <source>Previous page (Page Up); Ctrl+Page Up: previous discussion topic</source>
        <translation>Página anterior (Re Pág); Ctrl+Re Pág: tema de discusión anterior</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="150"/>
        <source>Next page (Page Down); Enter moves to the next question; Ctrl+Page Down: next discussion topic</source>
        <translation>Página siguiente (Av Pág); Enter pasa a la siguiente pregunta; Ctrl+Av Pág: siguiente tema de discusión</translation>
    </message>
    <message>
        <location filename="../../ui/runner/runner_view.py" line="147"/>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <location filename="../../ui/lock_screen.py" line="207"/>
        <source>This laptop&apos;s data has no PIN yet, so the screen cannot be locked.</source>
        <translation>Los datos de esta computadora todavía no tienen PIN, así que la pantalla no se puede bloquear.</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="248"/>
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="253"/>
        <source>Checking the PIN…</source>
        <translation>Comprobando el PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="288"/>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN incorrecto. Inténtelo de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lock_screen.py" line="291"/>
        <source>Too many wrong PINs. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. Espere %n segundo y vuelva a intentarlo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. Espere %n segundos y vuelva a intentarlo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="298"/>
        <source>This profile has no PIN. Ask your coordinator.</source>
        <translation>Este perfil no tiene PIN. Consulte a su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="301"/>
        <source>The PIN could not be checked: %1</source>
        <translation>No se pudo comprobar el PIN: %1</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="327"/>
        <source>&amp;Lock now (Ctrl+L)</source>
        <translation>&amp;Bloquear ahora (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="329"/>
        <source>Lock when &amp;idle</source>
        <translation>Bloquear si no se &amp;usa</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="332"/>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lock_screen.py" line="334"/>
        <source>After %n minute(s)</source>
        <translation>
            <numerusform>Después de %n minuto</numerusform>
            <numerusform>Después de %n minutos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SectionIndex</name>
    <message>
        <location filename="../../ui/runner/section_index.py" line="67"/>
        <source>Jump to a section or question (Enter or click).
✓ answered   ! has a problem   * required, not answered yet   · optional</source>
        <translation>Ir a una sección o pregunta (Enter o clic).
✓ respondida   ! tiene un problema   * obligatoria, sin responder   · opcional</translation>
    </message>
    <message>
        <location filename="../../ui/runner/section_index.py" line="71"/>
        <source>Sections and questions</source>
        <translation>Secciones y preguntas</translation>
    </message>
</context>
<context>
    <name>SelectOneEditor</name>
    <message>
        <location filename="../../ui/runner/choice_editors.py" line="144"/>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../../ui/runner/choice_editors.py" line="152"/>
        <source>Type to search…</source>
        <translation>Escriba para buscar…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/choice_editors.py" line="181"/>
        <source>Clear answer</source>
        <translation>Borrar respuesta</translation>
    </message>
    <message>
        <location filename="../../ui/runner/choice_editors.py" line="184"/>
        <source>Remove the choice made here</source>
        <translation>Quitar la opción elegida aquí</translation>
    </message>
</context>
<context>
    <name>SessionStatus</name>
    <message>
        <location filename="../../ui/self_test.py" line="39"/>
        <location filename="../../ui/sessions_model.py" line="59"/>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="60"/>
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="61"/>
        <source>Waiting to send</source>
        <translation>En espera de envío</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="62"/>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="63"/>
        <source>Not sent</source>
        <translation>No enviada</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="64"/>
        <source>Reviewed</source>
        <translation>Revisada</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="65"/>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="66"/>
        <source>Has issues</source>
        <translation>Con observaciones</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="67"/>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
</context>
<context>
    <name>SessionTimer</name>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="145"/>
        <source>Session time</source>
        <translation>Tiempo de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="175"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="175"/>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../../ui/runner/focus_group.py" line="176"/>
        <source>Start or pause the session timer (Ctrl+T)</source>
        <translation>Iniciar o pausar el cronómetro de la sesión (Ctrl+T)</translation>
    </message>
</context>
<context>
    <name>SessionsController</name>
    <message>
        <location filename="../../ui/sessions_controller.py" line="178"/>
        <source>All forms</source>
        <translation>Todos los formularios</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="184"/>
        <source>All communities</source>
        <translation>Todas las comunidades</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="187"/>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sessions_controller.py" line="288"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n sesión</numerusform>
            <numerusform>%n sesiones</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="290"/>
        <source>scroll to see more</source>
        <translation>baje para ver más</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="299"/>
        <source>No sessions yet.

To start one, go to Questionnaires (Ctrl+1), choose a questionnaire and press Enter. Your sessions will be listed here.</source>
        <translation>Todavía no hay sesiones.

Para empezar una, vaya a Cuestionarios (Ctrl+1), elija un cuestionario y pulse Enter. Sus sesiones aparecerán aquí.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sessions_controller.py" line="303"/>
        <source>No session matches this search or these filters (%n session(s) in all).

Change them, or press Clear filters (Alt+L) to see every session.</source>
        <translation>
            <numerusform>Ninguna sesión coincide con esta búsqueda o estos filtros (hay %n sesión en total).

Cámbielos, o pulse Quitar filtros (Alt+Q) para ver todas las sesiones.</numerusform>
            <numerusform>Ninguna sesión coincide con esta búsqueda o estos filtros (hay %n sesiones en total).

Cámbielos, o pulse Quitar filtros (Alt+Q) para ver todas las sesiones.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="331"/>
        <source>The session could not be sent again</source>
        <translation>No se pudo volver a enviar la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="365"/>
        <source>The correction could not be started</source>
        <translation>No se pudo empezar la corrección</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="378"/>
        <source>Discard the draft “%1”?

Its answers and notes will be deleted from this laptop for good. This cannot be undone.</source>
        <translation>¿Descartar el borrador «%1»?

Sus respuestas y notas se borrarán de esta computadora para siempre. No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="381"/>
        <source>Discard draft</source>
        <translation>Descartar borrador</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_controller.py" line="387"/>
        <source>The draft could not be discarded</source>
        <translation>No se pudo descartar el borrador</translation>
    </message>
</context>
<context>
    <name>SessionsModel</name>
    <message>
        <location filename="../../ui/sessions_model.py" line="153"/>
        <source>Refused by the server: %1</source>
        <translation>Rechazada por el servidor: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="156"/>
        <source>Will retry at %1</source>
        <translation>Se volverá a intentar a las %1</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="160"/>
        <source>Will be sent at the next sync</source>
        <translation>Se enviará en la próxima sincronización</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="165"/>
        <source>Correction of a returned session; finalize it to resend</source>
        <translation>Corrección de una sesión devuelta; finalícela para reenviarla</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="167"/>
        <source>Returned for correction</source>
        <translation>Devuelta para corregir</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="170"/>
        <source>Supervisor: %1</source>
        <translation>Supervisión: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="172"/>
        <source>Sent %1</source>
        <translation>Enviada %1</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="265"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="266"/>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="267"/>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="268"/>
        <source>Facilitator</source>
        <translation>Facilitador(a)</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="269"/>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="270"/>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_model.py" line="271"/>
        <source>Sync / review</source>
        <translation>Envío / revisión</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <location filename="../../ui/sessions_view.py" line="199"/>
        <source>Search community or facilitator…</source>
        <translation>Buscar comunidad o facilitador(a)…</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="200"/>
        <source>Search (Ctrl+F); Enter or Down goes to the list</source>
        <translation>Buscar (Ctrl+F); Enter o Flecha abajo lleva a la lista</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="201"/>
        <source>&amp;Form:</source>
        <translation>&amp;Formulario:</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="202"/>
        <source>Co&amp;mmunity:</source>
        <translation>Co&amp;munidad:</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="203"/>
        <source>S&amp;tatus:</source>
        <translation>Es&amp;tado:</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="204"/>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="205"/>
        <source>To:</source>
        <translation>Hasta:</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="207"/>
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="208"/>
        <source>C&amp;lear filters</source>
        <translation>&amp;Quitar filtros</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="209"/>
        <source>Show all sessions again</source>
        <translation>Volver a mostrar todas las sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="210"/>
        <source>&amp;Open session</source>
        <translation>&amp;Abrir sesión</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="211"/>
        <source>Open the selected session (Enter)</source>
        <translation>Abrir la sesión seleccionada (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="212"/>
        <source>Open session</source>
        <translation>Abrir sesión</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="213"/>
        <source>Send a&amp;gain</source>
        <translation>Enviar de &amp;nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="215"/>
        <source>Put the session the server refused back in line and sync now (Ctrl+R)</source>
        <translation>Volver a poner en cola la sesión que el servidor rechazó y sincronizar ahora (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="217"/>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="218"/>
        <source>Co&amp;rrect and resubmit</source>
        <translation>Co&amp;rregir y reenviar</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="221"/>
        <source>Open an editable copy of the returned session; once finalized it replaces the returned one on the server (Ctrl+E)</source>
        <translation>Abrir una copia editable de la sesión devuelta; al finalizarla, reemplaza a la devuelta en el servidor (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="225"/>
        <source>Correct and resubmit</source>
        <translation>Corregir y reenviar</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="226"/>
        <source>&amp;Discard draft</source>
        <translation>&amp;Descartar borrador</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="228"/>
        <source>Delete this draft and its answers from the laptop, after asking (Delete)</source>
        <translation>Borra este borrador y sus respuestas de la computadora, después de preguntar (Supr)</translation>
    </message>
    <message>
        <location filename="../../ui/sessions_view.py" line="230"/>
        <source>Discard draft</source>
        <translation>Descartar borrador</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="35"/>
        <source>Supervisor sign-in</source>
        <translation>Inicio de sesión de supervisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="39"/>
        <source>Sign in with the supervisor account your coordinator created on the server. Sessions of your projects are copied to this laptop so you can review offline.</source>
        <translation>Inicie sesión con la cuenta de supervisión que su coordinación creó en el servidor. Las sesiones de sus proyectos se copian a esta computadora para que pueda revisarlas sin conexión.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="62"/>
        <source>&amp;Server address:</source>
        <translation>&amp;Dirección del servidor:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="63"/>
        <source>&amp;Username:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="64"/>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="70"/>
        <source>Sign &amp;in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="76"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="90"/>
        <source>Fill in the server address, your username and your password.</source>
        <translation>Escriba la dirección del servidor, su usuario y su contraseña.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="93"/>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="118"/>
        <source>The server does not answer. Check the address and that this laptop is on the network, then try again.</source>
        <translation>El servidor no responde. Revise la dirección y que esta computadora esté conectada a la red, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="122"/>
        <source>This account is not a supervisor&apos;s.</source>
        <translation>Esta cuenta no es de supervisión.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="125"/>
        <source>The username or the password is not right.</source>
        <translation>El usuario o la contraseña no son correctos.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="127"/>
        <source>Too many attempts: wait a few minutes and try again.</source>
        <translation>Demasiados intentos: espere unos minutos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="129"/>
        <source>That address does not answer like an Encuentro server.</source>
        <translation>Esa dirección no responde como un servidor de Encuentro.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="130"/>
        <source>The server refused the sign-in: %1</source>
        <translation>El servidor rechazó el inicio de sesión: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sign_in.py" line="131"/>
        <source>Signing in failed: %1</source>
        <translation>No se pudo iniciar sesión: %1</translation>
    </message>
</context>
<context>
    <name>StartController</name>
    <message>
        <location filename="../../ui/start_controller.py" line="115"/>
        <source>Type the facilitator&apos;s name first.</source>
        <translation>Primero escriba el nombre de la persona facilitadora.</translation>
    </message>
    <message>
        <location filename="../../ui/start_controller.py" line="118"/>
        <source>A profile with this name already exists: choose it in the list.</source>
        <translation>Ya existe un perfil con ese nombre: selecciónelo en la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/start_controller.py" line="134"/>
        <location filename="../../ui/start_controller.py" line="169"/>
        <source>Protecting the new profile…</source>
        <translation>Protegiendo el perfil nuevo…</translation>
    </message>
    <message>
        <location filename="../../ui/start_controller.py" line="195"/>
        <source>The PIN was changed.</source>
        <translation>El PIN se cambió.</translation>
    </message>
</context>
<context>
    <name>StartView</name>
    <message>
        <location filename="../../ui/start_view.py" line="148"/>
        <source>Focus groups and needs assessments, offline.</source>
        <translation>Grupos focales y evaluaciones de necesidades, sin conexión.</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="149"/>
        <source>&amp;Language (interface and questionnaires):</source>
        <translation>&amp;Idioma (pantallas y cuestionarios):</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="150"/>
        <source>&amp;Who is facilitating today?</source>
        <translation>¿&amp;Quién facilita hoy?</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="151"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="153"/>
        <source>Create your facilitator profile to begin:</source>
        <translation>Para empezar, cree su perfil de facilitador(a):</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="155"/>
        <source>Or create a &amp;new facilitator profile:</source>
        <translation>O cree un perfil &amp;nuevo de facilitador(a):</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="156"/>
        <source>Your name, as your team knows you</source>
        <translation>Su nombre, como lo conoce su equipo</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="157"/>
        <source>C&amp;reate profile</source>
        <translation>C&amp;rear perfil</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="158"/>
        <source>Change &amp;PIN…</source>
        <translation>Cambiar el &amp;PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="159"/>
        <source>&amp;Supervisor sign-in…</source>
        <translation>&amp;Supervisión: iniciar sesión…</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="161"/>
        <source>Review the team&apos;s sessions with your supervisor account on the server</source>
        <translation>Revise las sesiones del equipo con su cuenta de supervisión en el servidor</translation>
    </message>
    <message>
        <location filename="../../ui/start_view.py" line="165"/>
        <source>A profile holds only the facilitator&apos;s name and language. Never write participants&apos; names here.</source>
        <translation>Un perfil guarda solo el nombre y el idioma de quien facilita. Nunca escriba aquí nombres de participantes.</translation>
    </message>
</context>
<context>
    <name>StoreMessages</name>
    <message>
        <location filename="../../ui/store_messages.py" line="18"/>
        <source>The data file %1 is damaged and cannot be read.</source>
        <translation>El archivo de datos %1 está dañado y no se puede leer.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="19"/>
        <source>Do not delete it. Close Encuentro, keep a copy of the file and of the &apos;backups&apos; folder next to it, and ask your coordinator for help to recover the sessions.</source>
        <translation>No lo borre. Cierre Encuentro, guarde una copia del archivo y de la carpeta «backups» que está a la par, y pida ayuda a su coordinación para recuperar las sesiones.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="27"/>
        <source>The data file %1 is in use by another program or window.</source>
        <translation>El archivo de datos %1 lo está usando otro programa u otra ventana.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="28"/>
        <source>Close the other Encuentro window (or wait a moment) and try again. Nothing was lost.</source>
        <translation>Cierre la otra ventana de Encuentro (o espere un momento) e intente de nuevo. No se perdió nada.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="35"/>
        <source>The disk holding %1 is full; the last change was not saved.</source>
        <translation>El disco donde está %1 está lleno; el último cambio no se guardó.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="38"/>
        <source>Free some space on the disk, then repeat the last change. Everything saved before it is still there.</source>
        <translation>Libere espacio en el disco y repita el último cambio. Todo lo guardado antes sigue ahí.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="45"/>
        <source>The data file %1 was written by a newer Encuentro.</source>
        <translation>El archivo de datos %1 fue creado por una versión más nueva de Encuentro.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="46"/>
        <source>Install the newer Encuentro on this laptop; this version cannot use the file and has not changed it.</source>
        <translation>Instale la versión más nueva de Encuentro en esta computadora; esta versión no puede usar el archivo y no lo ha cambiado.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="53"/>
        <source>Encuentro cannot read or write its data file %1.</source>
        <translation>Encuentro no puede leer ni escribir su archivo de datos %1.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="54"/>
        <source>Check that the disk or USB stick is connected and not write-protected, and that you have permission to use this folder.</source>
        <translation>Revise que el disco o la memoria USB esté conectado y sin protección contra escritura, y que tenga permiso para usar esta carpeta.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="61"/>
        <source>This session was encrypted for the project when it was finalised; this laptop keeps only that encrypted copy, so its answers cannot be shown here.</source>
        <translation>Esta sesión se cifró para el proyecto al finalizarla; esta computadora guarda solo esa copia cifrada, así que sus respuestas no se pueden mostrar aquí.</translation>
    </message>
    <message>
        <location filename="../../ui/store_messages.py" line="66"/>
        <source>A supervisor with the project&apos;s private key can read it on the server. To keep a readable copy of such sessions on the laptop, protect your profile with a PIN.</source>
        <translation>Un(a) supervisor(a) con la clave privada del proyecto puede leerla en el servidor. Para guardar en la computadora una copia legible de estas sesiones, proteja su perfil con un PIN.</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <location filename="../../ui/runner/summary_view.py" line="44"/>
        <source>(no answer)</source>
        <translation>(sin respuesta)</translation>
    </message>
    <message>
        <location filename="../../ui/runner/summary_view.py" line="57"/>
        <source>%1 #%2</source>
        <translation>%1 n.º %2</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../ui/supervisor/page.py" line="105"/>
        <source>Supervisor: %1 (%2)</source>
        <translation>Supervisión: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="154"/>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="155"/>
        <source>Review the team&apos;s sessions (Ctrl+1)</source>
        <translation>Revisar las sesiones del equipo (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="156"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="157"/>
        <source>Progress at a glance (Ctrl+2)</source>
        <translation>Avance de un vistazo (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="158"/>
        <source>Findings</source>
        <translation>Hallazgos</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="160"/>
        <source>Themes by group and community, quotes, needs, report (Ctrl+3)</source>
        <translation>Temas por grupo y comunidad, citas, necesidades, informe (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="162"/>
        <source>Lang&amp;uage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="163"/>
        <source>Start screen</source>
        <translation>Pantalla de inicio</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="164"/>
        <source>Si&amp;gn out</source>
        <translation>C&amp;errar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/page.py" line="167"/>
        <source>Forget this laptop&apos;s sign-in. The copy of the sessions stays here, and opens only after signing in again.</source>
        <translation>Olvidar el inicio de sesión en esta computadora. La copia de las sesiones se queda aquí y solo se abre al iniciar sesión de nuevo.</translation>
    </message>
</context>
<context>
    <name>SupervisorSync</name>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="116"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="118"/>
        <source>Offline: working from this laptop&apos;s copy</source>
        <translation>Sin conexión: trabajando con la copia de esta computadora</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="120"/>
        <source>Sign in again to sync</source>
        <translation>Inicie sesión de nuevo para sincronizar</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="122"/>
        <source>Sync failed: %1</source>
        <translation>La sincronización falló: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="124"/>
        <source>Synced at %1</source>
        <translation>Sincronizado a las %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="126"/>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor/sync_widget.py" line="128"/>
        <source>%n review(s) waiting to be sent</source>
        <translation>
            <numerusform>%n revisión por enviar</numerusform>
            <numerusform>%n revisiones por enviar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="134"/>
        <source>Sync no&amp;w</source>
        <translation>Sincroni&amp;zar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/sync_widget.py" line="135"/>
        <source>Send queued reviews and bring new sessions (F5)</source>
        <translation>Enviar las revisiones en cola y traer sesiones nuevas (F5)</translation>
    </message>
</context>
<context>
    <name>SyncSetupDialog</name>
    <message>
        <location filename="../../ui/sync_status.py" line="73"/>
        <source>Server connection</source>
        <translation>Conexión con el servidor</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="85"/>
        <source>One-time code from your coordinator</source>
        <translation>Código de un solo uso que le dio su coordinación</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="86"/>
        <source>Server &amp;address</source>
        <translation>&amp;Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="88"/>
        <source>&amp;Enrollment code</source>
        <translation>Código de &amp;registro</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="94"/>
        <source>Only for a server with its own certificate (from your coordinator)</source>
        <translation>Solo para un servidor con certificado propio (se lo da su coordinación)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="96"/>
        <source>Certificate &amp;fingerprint</source>
        <translation>&amp;Huella digital del certificado</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="102"/>
        <source>Allow unencrypted connection to this address</source>
        <translation>Permitir conexión sin cifrar con esta dirección</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="107"/>
        <source>Anyone on this network could read everything sent, answers included. Tick it only if your coordinator says so, on a network you trust.</source>
        <translation>Cualquier persona en esta red podría leer todo lo que se envía, respuestas incluidas. Márquelo solo si su coordinación se lo indica, en una red de confianza.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="124"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="157"/>
        <source>Type the enrollment code your coordinator gave you.</source>
        <translation>Escriba el código de registro que le dio su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="164"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../ui/sync_status.py" line="355"/>
        <source>Server: checking…</source>
        <translation>Servidor: verificando…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="357"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="358"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="301"/>
        <source>To send: %1</source>
        <translation>Por enviar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="295"/>
        <source>Unencrypted connection</source>
        <translation>Conexión sin cifrar</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="298"/>
        <source>%1 is reached without encryption: anyone on the network can read what is sent.</source>
        <translation>La conexión con %1 no está cifrada: cualquier persona en la red puede leer lo que se envía.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="305"/>
        <source>Last sync: %1</source>
        <translation>Última sincronización: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="307"/>
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="318"/>
        <source>Sending %v/%m</source>
        <translation>Enviando %v/%m</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="318"/>
        <source>Forms %v/%m</source>
        <translation>Formularios %v/%m</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="319"/>
        <source>Feedback %v/%m</source>
        <translation>Observaciones %v/%m</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="337"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="337"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="339"/>
        <source>Server…</source>
        <translation>Servidor…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="347"/>
        <source>Not connected to a server — Server… to set one up</source>
        <translation>Sin servidor configurado — use «Servidor…» para configurarlo</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="350"/>
        <source>Not enrolled yet — Server… to type the enrollment code</source>
        <translation>Sin registrar — use «Servidor…» para escribir el código de registro</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="353"/>
        <source>Sending paused</source>
        <translation>Envío en pausa</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="45"/>
        <source>Ctrl+Enter: next question</source>
        <translation>Ctrl+Enter: siguiente pregunta</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="56"/>
        <source>latitude longitude [altitude accuracy]</source>
        <translation>latitud longitud [altitud precisión]</translation>
    </message>
    <message>
        <location filename="../../ui/runner/text_editors.py" line="58"/>
        <source>number</source>
        <translation>número</translation>
    </message>
</context>
<context>
    <name>ThemeModel</name>
    <message>
        <location filename="../../ui/findings/models.py" line="77"/>
        <source>Topic</source>
        <translation>Tema de discusión</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="77"/>
        <source>Theme</source>
        <translation>Tema codificado</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="77"/>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/findings/models.py" line="77"/>
        <source>Quotes</source>
        <translation>Citas</translation>
    </message>
</context>
<context>
    <name>TriggerEditor</name>
    <message>
        <location filename="../../ui/runner/editors.py" line="65"/>
        <source>OK</source>
        <translation>Sí</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/pin_dialog.py" line="42"/>
        <source>Unlock Encuentro</source>
        <translation>Desbloquear Encuentro</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="45"/>
        <source>The sessions on this laptop are protected. Type your PIN.</source>
        <translation>Las sesiones de esta computadora están protegidas. Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="47"/>
        <source>Type the PIN of %1 to open their sessions.</source>
        <translation>Escriba el PIN de %1 para abrir sus sesiones.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="54"/>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="61"/>
        <location filename="../../ui/pin_dialog.py" line="62"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="70"/>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="73"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="73"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="79"/>
        <source>New profile…</source>
        <translation>Perfil nuevo…</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="92"/>
        <source>Choose your profile and type your PIN.</source>
        <translation>Elija su perfil y escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="109"/>
        <source>A profile with this name already exists: choose it in the list.</source>
        <translation>Ya existe un perfil con ese nombre: selecciónelo en la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="139"/>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN incorrecto. Inténtelo de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pin_dialog.py" line="143"/>
        <source>Too many wrong PINs. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. Espere %n segundo y vuelva a intentarlo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. Espere %n segundos y vuelva a intentarlo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="151"/>
        <source>This profile has no PIN yet, so it cannot open the protected data. Choose a profile that has one, or ask your coordinator.</source>
        <translation>Este perfil todavía no tiene PIN, así que no puede abrir los datos protegidos. Elija un perfil que tenga PIN o consulte a su coordinación.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="158"/>
        <source>Encuentro could not unlock its data: %1</source>
        <translation>Encuentro no pudo desbloquear sus datos: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pin_dialog.py" line="167"/>
        <source>Checking the PIN…</source>
        <translation>Comprobando el PIN…</translation>
    </message>
</context>
<context>
    <name>UploadEditor</name>
    <message>
        <location filename="../../ui/runner/editors.py" line="34"/>
        <source>Choose image…</source>
        <translation>Elegir imagen…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/editors.py" line="34"/>
        <source>Choose audio…</source>
        <translation>Elegir audio…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/editors.py" line="35"/>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <location filename="../../ui/runner/editors.py" line="55"/>
        <source>No file chosen</source>
        <translation>Ningún archivo elegido</translation>
    </message>
</context>
<context>
    <name>_AudioLine</name>
    <message>
        <location filename="../../ui/runner/question_block.py" line="180"/>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <location filename="../../ui/runner/question_block.py" line="181"/>
        <source>Play the recorded question with the system&apos;s player</source>
        <translation>Reproducir la pregunta grabada con el reproductor del sistema</translation>
    </message>
</context>
</TS>
