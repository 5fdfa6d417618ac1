"""Person-readable messages of the sync client: what happened and what to do, in Spanish or English.

A message is a ``SyncMessage``: a key, its parameters, and any raw server text kept verbatim
(``detail``). The store keeps it as JSON (``to_json``) in ``outbox.last_error`` /
``submissions.last_error`` and in the paused reason, so the interface renders it later in
whatever language is active then (``render_stored``); plain-text values stored by older
versions are shown as they are.

Why a catalogue here and not Qt's ``tr()``: the keys are chosen at run time from stored data,
which ``pyside6-lupdate`` cannot see, and the texts must render without Qt (sync runs on a
worker, the CLI and tests have no translator). Every text names the button that really exists
(«Servidor…» / "Server…").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sync.urls import ServerAddress

_E = TypeVar("_E", bound=BaseException)

LANGUAGES = ("es", "en")
_AUTO = {
    "en": " It will be tried again automatically.",
    "es": " Se volverá a intentar automáticamente.",
}
_NOT_RETRIED = {
    "en": " Ask your coordinator; it is not retried automatically.",
    "es": " Consulte a su coordinación; no se reintenta automáticamente.",
}
_NEXT_SYNC = {
    "en": " It will be tried again at the next sync.",
    "es": " Se volverá a intentar en la próxima sincronización.",
}
_DETAIL = {"en": "The server said: {detail}", "es": "El servidor dijo: {detail}"}

# key -> {"en": text, "es": text}; {names} are filled from the message's params.
CATALOGUE: dict[str, dict[str, str]] = {
    "text": {"en": "{detail}", "es": "{detail}"},  # a text from elsewhere, kept verbatim
    "not_configured": {
        "en": 'No server is set up on this laptop yet. Use the "Server…" button and type the '
        "address your coordinator gave you.",
        "es": "Esta computadora todavía no tiene un servidor configurado. Use el botón "
        "«Servidor…» y escriba la dirección que le dio su coordinación.",
    },
    "not_enrolled": {
        "en": "This laptop is not enrolled with the server yet. Ask your coordinator for an "
        'enrollment code and type it with the "Server…" button.',
        "es": "Esta computadora todavía no está registrada en el servidor. Pida a su "
        "coordinación un código de registro y escríbalo con el botón «Servidor…».",
    },
    "central_no_enroll": {
        "en": "An ODK Central project URL needs no enrollment code: the access key is part of "
        "the URL. Leave the code empty and press Connect.",
        "es": "Una dirección de proyecto de ODK Central no necesita código de registro: la "
        "clave de acceso va en la dirección. Deje el código vacío y pulse Conectar.",
    },
    "central_no_api": {
        "en": "An ODK Central project URL has no Encuentro API (enrollment, review feedback): "
        "use the address of an Encuentro server for these.",
        "es": "Una dirección de proyecto de ODK Central no tiene la API de Encuentro "
        "(registro, revisiones): para eso use la dirección de un servidor de Encuentro.",
    },
    "enroll_refused": {
        "en": "The server did not accept the enrollment code. Check it, or ask your "
        "coordinator for a new one.",
        "es": "El servidor no aceptó el código de registro. Revíselo o pida uno nuevo a su "
        "coordinación.",
    },
    "enroll_no_token": {
        "en": "The server's answer holds no device token. Check that the address is the one "
        "of an Encuentro server.",
        "es": "La respuesta del servidor no trae la clave del dispositivo. Revise que la "
        "dirección sea la de un servidor de Encuentro.",
    },
    "unauthorized_central": {
        "en": "ODK Central refused this laptop's access key (the app user may have been "
        "revoked). Ask your coordinator for a new project URL. Sessions stay safe on this "
        "laptop.",
        "es": "ODK Central rechazó la clave de acceso de esta computadora (quizá se revocó el "
        "usuario de la aplicación). Pida a su coordinación una nueva dirección de proyecto. "
        "Las sesiones siguen seguras en esta computadora.",
    },
    "unauthorized": {
        "en": "The server no longer accepts this laptop (its access was revoked or expired). "
        "Sending is paused: ask your coordinator for a new enrollment code and type it with "
        'the "Server…" button. Sessions stay safe on this laptop.',
        "es": "El servidor ya no acepta esta computadora (su acceso fue revocado o venció). El "
        "envío está en pausa: pida a su coordinación un código de registro nuevo y "
        "escríbalo con el botón «Servidor…». Las sesiones siguen seguras en esta computadora.",
    },
    "server_busy": {
        "en": "The server is busy and asked to wait." + _AUTO["en"],
        "es": "El servidor está ocupado y pidió esperar." + _AUTO["es"],
    },
    "server_timeout": {
        "en": "The server took too long to read the session." + _AUTO["en"],
        "es": "El servidor tardó demasiado en leer la sesión." + _AUTO["es"],
    },
    "server_trouble": {
        "en": "The server had a problem (HTTP {status})." + _AUTO["en"] + " If it goes on, "
        "tell your coordinator.",
        "es": "El servidor tuvo un problema (HTTP {status})." + _AUTO["es"] + " Si sigue "
        "pasando, avise a su coordinación.",
    },
    "unexpected_answer": {
        "en": "The server gave an unexpected answer (HTTP {status}). Check the server address, "
        "or log in to the Wi-Fi network if it asks for it." + _AUTO["en"],
        "es": "El servidor dio una respuesta inesperada (HTTP {status}). Revise la dirección "
        "del servidor, o inicie sesión en la red wifi si se lo pide." + _AUTO["es"],
    },
    "refused_400": {
        "en": "The server could not read this session." + _NOT_RETRIED["en"],
        "es": "El servidor no pudo leer esta sesión." + _NOT_RETRIED["es"],
    },
    "refused_403": {
        "en": "This laptop may not send this questionnaire." + _NOT_RETRIED["en"],
        "es": "Esta computadora no tiene permiso para enviar este cuestionario."
        + _NOT_RETRIED["es"],
    },
    "refused_404": {
        "en": "The server does not know this questionnaire (is it published there?)."
        + _NOT_RETRIED["en"],
        "es": "El servidor no conoce este cuestionario (¿está publicado allí?)."
        + _NOT_RETRIED["es"],
    },
    "refused_409": {
        "en": "The server already holds a different version of this session (same ID); it "
        "kept its copy and refused this one." + _NOT_RETRIED["en"],
        "es": "El servidor ya tiene otra versión de esta sesión (con el mismo ID); conservó su "
        "copia y rechazó esta." + _NOT_RETRIED["es"],
    },
    "refused_413": {
        "en": "This session is too large for the server." + _NOT_RETRIED["en"],
        "es": "Esta sesión es demasiado grande para el servidor." + _NOT_RETRIED["es"],
    },
    "refused": {
        "en": "The server refused this session (HTTP {status})." + _NOT_RETRIED["en"],
        "es": "El servidor rechazó esta sesión (HTTP {status})." + _NOT_RETRIED["es"],
    },
    "network_timeout": {
        "en": "The server did not answer in time ({where}). Check the network." + _AUTO["en"],
        "es": "El servidor no respondió a tiempo ({where}). Revise la red." + _AUTO["es"],
    },
    "network_dropped": {
        "en": "The server stopped answering during the transfer ({where})." + _AUTO["en"],
        "es": "El servidor dejó de responder durante la transferencia ({where})." + _AUTO["es"],
    },
    "network_certificate": {
        "en": "The server's security certificate was refused ({where}). Check the address with "
        "your coordinator.",
        "es": "Se rechazó el certificado de seguridad del servidor ({where}). Revise la "
        "dirección con su coordinación.",
    },
    "plain_http_refused": {
        "en": "Not sent: {where} is an unencrypted (http://) address on another machine, and "
        "anyone on the network could read what is sent. Ask your coordinator for the https:// "
        'address, or allow this one with the "Server…" button if they say so.',
        "es": "No se envió: {where} es una dirección sin cifrar (http://) de otra computadora, "
        "y cualquiera en la red podría leer lo que se envía. Pida a su coordinación la dirección "
        "https://, o permita esta con el botón «Servidor…» si así se lo indican.",
    },
    "address_plain_http": {
        "en": "{where} is an unencrypted (http://) address on another machine: anyone on the "
        "network could read what is sent, answers included. Ask your coordinator for the "
        'https:// address, or tick "Allow unencrypted connection to this address" if they say so.',
        "es": "{where} es una dirección sin cifrar (http://) de otra computadora: cualquier "
        "persona en la red podría leer lo que se envía, respuestas incluidas. Pida a su "
        "coordinación la dirección https://, o marque «Permitir conexión sin cifrar con esta "
        "dirección» si así se lo indican.",
    },
    "certificate_changed": {
        "en": "Not sent: the server's security certificate is not the one confirmed at "
        "enrollment ({where}). It may have been renewed, or someone may be intercepting the "
        'network. Ask your coordinator for the new fingerprint and type it with "Server…".',
        "es": "No se envió: el certificado de seguridad del servidor no es el que se confirmó "
        "al registrar esta computadora ({where}). Puede que lo hayan renovado o que alguien "
        "esté interceptando la red. Pida a su coordinación la nueva huella digital y escríbala "
        "con «Servidor…».",
    },
    "certificate_unconfirmed": {
        "en": "The server's certificate is not signed by an authority this laptop trusts "
        "({where}). Its fingerprint is {fingerprint}. If it is exactly the one your coordinator "
        "gave you, type it in the certificate fingerprint field and press Connect again.",
        "es": "El certificado del servidor no está firmado por una autoridad en la que confíe "
        "esta computadora ({where}). Su huella digital es {fingerprint}. Si es exactamente la que "
        "le dio su coordinación, escríbala en el campo de huella digital del certificado y "
        "pulse Conectar otra vez.",
    },
    "certificate_mismatch": {
        "en": "The fingerprint you typed is not that of the certificate the server presents "
        "({where}: {fingerprint}). Nothing was sent. Check it with your coordinator: someone "
        "may be intercepting the network.",
        "es": "La huella digital que escribió no es la del certificado que presenta el servidor "
        "({where}: {fingerprint}). No se envió nada. Revísela con su coordinación: puede que "
        "alguien esté interceptando la red.",
    },
    "fingerprint_bad": {
        "en": "A certificate fingerprint is 64 letters and digits (0-9, A-F), usually in pairs "
        "separated by colons. Copy it again from what your coordinator gave you.",
        "es": "Una huella digital de certificado tiene 64 letras y números (0-9, A-F), "
        "normalmente en pares separados por dos puntos. Cópiela otra vez de lo que le dio su "
        "coordinación.",
    },
    "fingerprint_needs_https": {
        "en": "A certificate fingerprint only applies to an https:// address.",
        "es": "La huella digital de un certificado solo se usa con una dirección https://.",
    },
    "network_unreachable": {
        "en": "Could not reach the server ({where}). Check the network or the server address."
        + _AUTO["en"],
        "es": "No se pudo llegar al servidor ({where}). Revise la red o la dirección del "
        "servidor." + _AUTO["es"],
    },
    "network_failed": {
        "en": "The connection to the server failed ({where}: {error}). Check the network."
        + _AUTO["en"],
        "es": "Falló la conexión con el servidor ({where}: {error}). Revise la red." + _AUTO["es"],
    },
    "answer_too_large": {
        "en": "The server sent an answer larger than {limit} MiB ({where}); it was not read. "
        "Check the server address." + _AUTO["en"],
        "es": "El servidor envió una respuesta de más de {limit} MiB ({where}); no se leyó. "
        "Revise la dirección del servidor." + _AUTO["es"],
    },
    "form_list_refused": {
        "en": "The server refused the list of forms (HTTP {status}). Check the server address."
        + _NEXT_SYNC["en"],
        "es": "El servidor rechazó la lista de formularios (HTTP {status}). Revise la dirección "
        "del servidor." + _NEXT_SYNC["es"],
    },
    "form_list_unreadable": {
        "en": "The server's list of forms could not be read. Check the server address."
        + _NEXT_SYNC["en"],
        "es": "No se pudo leer la lista de formularios del servidor. Revise la dirección del "
        "servidor." + _NEXT_SYNC["es"],
    },
    "form_refused": {
        "en": "The server refused the form {form} (HTTP {status})." + _NEXT_SYNC["en"],
        "es": "El servidor rechazó el formulario {form} (HTTP {status})." + _NEXT_SYNC["es"],
    },
    "media_refused": {
        "en": "The server refused the file {file} of the form {form} (HTTP {status})."
        + _NEXT_SYNC["en"],
        "es": "El servidor rechazó el archivo {file} del formulario {form} (HTTP {status})."
        + _NEXT_SYNC["es"],
    },
    "form_damaged": {
        "en": "The form {form} arrived damaged (it does not match the server's list)."
        + _NEXT_SYNC["en"],
        "es": "El formulario {form} llegó dañado (no coincide con la lista del servidor)."
        + _NEXT_SYNC["es"],
    },
    "media_damaged": {
        "en": "The file {file} of the form {form} arrived damaged." + _NEXT_SYNC["en"],
        "es": "El archivo {file} del formulario {form} llegó dañado." + _NEXT_SYNC["es"],
    },
    "form_not_downloaded": {
        "en": "The form {form} could not be downloaded." + _NEXT_SYNC["en"],
        "es": "No se pudo descargar el formulario {form}." + _NEXT_SYNC["es"],
    },
    "form_changed_same_version": {
        "en": "The form {form} changed on the server without a new version; this laptop keeps "
        "its copy. Ask your coordinator to publish a new version.",
        "es": "El formulario {form} cambió en el servidor sin una versión nueva; esta "
        "computadora conserva su copia. Pida a su coordinación que publique una versión nueva.",
    },
    "form_list_too_large": {
        "en": "The server's list of forms is larger than {limit} MiB, so it was not read. Check "
        "the server address or tell your coordinator.",
        "es": "La lista de formularios del servidor pesa más de {limit} MiB y no se leyó. Revise "
        "la dirección del servidor o avise a su coordinación.",
    },
    "form_too_large": {
        "en": "The form {form} is larger than {limit} MiB, so it was not downloaded. Tell your "
        "coordinator.",
        "es": "El formulario {form} pesa más de {limit} MiB y no se descargó. Avise a su "
        "coordinación.",
    },
    "manifest_too_large": {
        "en": "The list of files of the form {form} is larger than {limit} MiB, so the form was "
        "not downloaded. Tell your coordinator.",
        "es": "La lista de archivos del formulario {form} pesa más de {limit} MiB y el "
        "formulario no se descargó. Avise a su coordinación.",
    },
    "media_too_large": {
        "en": "The file {file} of the form {form} is larger than {limit} MiB, so the form was "
        "not downloaded. Tell your coordinator.",
        "es": "El archivo {file} del formulario {form} pesa más de {limit} MiB y el formulario "
        "no se descargó. Avise a su coordinación.",
    },
    "media_total_too_large": {
        "en": "The files of the form {form} add up to more than {limit} MiB, so the form was "
        "not downloaded. Tell your coordinator.",
        "es": "Los archivos del formulario {form} suman más de {limit} MiB y el formulario no "
        "se descargó. Avise a su coordinación.",
    },
    "media_duplicate": {
        "en": "The form {form} lists the file {file} twice, so it was not downloaded. Tell "
        "your coordinator.",
        "es": "El formulario {form} menciona dos veces el archivo {file} y no se descargó. "
        "Avise a su coordinación.",
    },
    "form_unsafe_name": {
        "en": "The server lists a form whose identifier or version ({form} {version}) can't be "
        "used as a folder name on this laptop, so it was skipped. Tell your coordinator.",
        "es": "El servidor presenta un formulario cuyo identificador o versión ({form} "
        "{version}) no sirve como nombre de carpeta en esta computadora, así que se omitió. "
        "Avise a su coordinación.",
    },
    "form_unusable": {
        "en": "The form {form} can't be used on this laptop and was not added. Tell your "
        "coordinator; the other forms are not affected.",
        "es": "El formulario {form} no se puede usar en esta computadora y no se agregó. Avise "
        "a su coordinación; los demás formularios no se ven afectados.",
    },
    "form_too_deep": {
        "en": "The form {form} nests its groups too deeply to be used, so it was not added. "
        "Tell your coordinator.",
        "es": "El formulario {form} anida sus grupos demasiado como para usarse y no se agregó. "
        "Avise a su coordinación.",
    },
    "form_encrypted": {
        "en": "The form {form} asks for encrypted submissions, but its public key can't be "
        "read, so it was not added. Tell your coordinator: the form needs to be published "
        "again with a valid public key.",
        "es": "El formulario {form} pide envíos cifrados, pero su clave pública no se puede "
        "leer, así que no se agregó. Avise a su coordinación: hay que publicar el formulario "
        "otra vez con una clave pública válida.",
    },
    "form_mismatch": {
        "en": "The form {form} does not match the server's list (the form itself says "
        "{xform_form} version {xform_version}), so it was not added. Tell your coordinator.",
        "es": "El formulario {form} no coincide con la lista del servidor (el propio formulario "
        "dice {xform_form} versión {xform_version}) y no se agregó. Avise a su coordinación.",
    },
    "form_closed": {
        "en": "The server's form for this session is closed and not accepting submissions. "
        "Your coordinator must reopen the form on the server; the session stays on this "
        "laptop and is sent again later by itself.",
        "es": "El formulario de esta sesión está cerrado en el servidor y no acepta envíos. Su "
        "coordinación debe volver a abrirlo en el servidor; la sesión se queda en esta "
        "computadora y se volverá a enviar más tarde automáticamente.",
    },
    "url_bad_scheme": {
        "en": "The server handed out an address that does not start with http:// or https:// "
        "({scheme}:); it was not followed. Tell your coordinator.",
        "es": "El servidor entregó una dirección que no empieza con http:// ni https:// "
        "({scheme}:); no se siguió. Avise a su coordinación.",
    },
    "feedback_refused": {
        "en": "Could not fetch the supervisors' review feedback (HTTP {status})."
        + _NEXT_SYNC["en"],
        "es": "No se pudieron traer las revisiones de los supervisores (HTTP {status})."
        + _NEXT_SYNC["es"],
    },
    "feedback_shape": {
        "en": "The server's review feedback is not in the expected shape. Check the server "
        "address or tell your coordinator.",
        "es": "Las revisiones que envió el servidor no tienen la forma esperada. Revise la "
        "dirección del servidor o avise a su coordinación.",
    },
    "sessions_refused_one": {
        "en": "1 session refused by the server; see the sessions list.",
        "es": "El servidor rechazó 1 sesión; vea la lista de sesiones.",
    },
    "sessions_refused_other": {
        "en": "{count} sessions refused by the server; see the sessions list.",
        "es": "El servidor rechazó {count} sesiones; vea la lista de sesiones.",
    },
    "keyring_unreadable": {
        "en": "The system keyring could not be read ({error}). Unlock it and sync again.",
        "es": "No se pudo leer el llavero del sistema ({error}). Desbloquéelo y vuelva a "
        "sincronizar.",
    },
    "internal_error": {
        "en": "Encuentro hit an internal problem while syncing ({error}). Sessions stay safe on "
        "this laptop; if it happens again, tell your coordinator.",
        "es": "Encuentro tuvo un problema interno al sincronizar ({error}). Las sesiones siguen "
        "seguras en esta computadora; si vuelve a pasar, avise a su coordinación.",
    },
    "data_file_trouble": {
        "en": "Sync stopped because the data file could not be used ({error}). Sessions stay "
        "safe on this laptop. Close other copies of Encuentro, check that the disk has free "
        "space, then press Sync now.",
        "es": "La sincronización se detuvo porque no se pudo usar el archivo de datos "
        "({error}). Las sesiones siguen seguras en esta computadora. Cierre otras copias de "
        "Encuentro, revise que el disco tenga espacio libre y pulse Sincronizar ahora.",
    },
    "sync_unexpected": {
        "en": "Sync stopped because of an unexpected problem ({error}). Sessions stay safe on "
        "this laptop. Press Sync now to try again; if it happens again, close and reopen "
        "Encuentro and send the log file (the logs folder of the data folder) to your "
        "coordinator.",
        "es": "La sincronización se detuvo por un problema inesperado ({error}). Las sesiones "
        "siguen seguras en esta computadora. Pulse Sincronizar ahora para intentarlo de nuevo; "
        "si vuelve a pasar, cierre y abra Encuentro y envíe el archivo de registro (la carpeta "
        "logs de la carpeta de datos) a su coordinación.",
    },
    "address_empty": {
        "en": "The server address is empty. Type the address your coordinator gave you.",
        "es": "La dirección del servidor está vacía. Escriba la dirección que le dio su "
        "coordinación.",
    },
    "address_no_scheme": {
        "en": "The server address '{address}' needs to start with http:// or https://.",
        "es": "La dirección del servidor «{address}» debe empezar con http:// o https://.",
    },
    "address_bad_scheme": {
        "en": "The server address must start with http:// or https://, not {scheme}://.",
        "es": "La dirección del servidor debe empezar con http:// o https://, no con {scheme}://.",
    },
    "address_no_host": {
        "en": "The server address '{address}' has no host name. Check it with your coordinator.",
        "es": "La dirección del servidor «{address}» no tiene nombre de equipo. Revísela con su "
        "coordinación.",
    },
    "address_query": {
        "en": "The server address must not contain '?' or '#'. Copy only the part before them.",
        "es": "La dirección del servidor no debe llevar «?» ni «#». Copie solo la parte de antes.",
    },
    "address_central_partial": {
        "en": "This looks like an ODK Central address but not an app-user project URL. Use the "
        "URL of the form .../v1/key/<app-user token>/projects/<number> from Central's App Users "
        "page.",
        "es": "Parece una dirección de ODK Central, pero no la de un proyecto para un usuario de "
        "la aplicación. Use la dirección de la forma .../v1/key/<clave>/projects/<número> de la "
        "página App Users de Central.",
    },
}


def language_of(language: str | None) -> str:
    """'es', 'es_SV', 'Español (es)' -> 'es'; anything English -> 'en'; unknown -> 'es'."""
    text = (language or "").strip().lower()
    if text.endswith(")") and "(" in text:
        text = text[text.rindex("(") + 1 : -1]
    code = text.replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else "es"


@dataclass(frozen=True)
class SyncMessage:
    """What happened and what to do: a catalogue key, its parameters, raw server text verbatim."""

    key: str
    params: dict[str, str | int] = field(default_factory=dict)
    detail: str = ""

    def render(self, language: str | None = "en") -> str:
        """The text in 'es' or 'en' (any other language: Spanish), server detail appended."""
        lang = language_of(language)
        texts = CATALOGUE.get(self.key)
        if texts is None:  # a key from a newer version: show what we have, never fail
            return self.detail or self.key
        text = texts[lang].format(detail=self.detail, **{k: v for k, v in self.params.items()})
        if self.detail and self.key != "text":
            text += " " + _DETAIL[lang].format(detail=self.detail)
        return text

    def __str__(self) -> str:
        return self.render("en")

    def to_json(self) -> str:
        """What the store keeps (readable by ``parse_stored``)."""
        data: dict[str, object] = {"key": self.key, "params": self.params}
        if self.detail:
            data["detail"] = self.detail
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def parse_stored(text: str | None) -> SyncMessage | None:
    """A stored reason back as a message; a plain text (older versions) as a verbatim one."""
    if not text:
        return None
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("key"), str):
            given = data.get("params")
            params: dict[str, str | int] = given if isinstance(given, dict) else {}
            return SyncMessage(data["key"], dict(params), str(data.get("detail") or ""))
    return SyncMessage("text", detail=text)


def render_stored(text: str | None, language: str | None) -> str:
    """A stored reason (JSON message or old plain text) in the language asked; '' for none."""
    message = parse_stored(text)
    return message.render(language) if message else ""


def of(error: object) -> SyncMessage:
    """The message an exception carries (``sync_message``), or its text kept verbatim."""
    if isinstance(error, SyncMessage):
        return error
    if isinstance(error, str):
        return SyncMessage("text", detail=error)
    carried = getattr(error, "sync_message", None)
    if isinstance(carried, SyncMessage):
        return carried
    return SyncMessage("text", detail=str(error))


def attach(error: _E, message: SyncMessage) -> _E:
    """Give an exception its message (its str() stays the English text, for logs)."""
    # Any exception type may carry one; of() reads it back with getattr.
    error.sync_message = message  # type: ignore[attr-defined]
    return error


# -- the messages the client builds --------------------------------------------------------------
NOT_CONFIGURED = SyncMessage("not_configured")
NOT_ENROLLED = SyncMessage("not_enrolled")
CENTRAL_NO_ENROLL = SyncMessage("central_no_enroll")


def enroll_refused(reason: str) -> SyncMessage:
    return SyncMessage("enroll_refused", detail=reason)


def unauthorized(address: ServerAddress, detail: str) -> SyncMessage:
    if address.is_central:
        return SyncMessage("unauthorized_central")
    return SyncMessage("unauthorized", detail=detail)


def server_trouble(status: int, detail: str) -> SyncMessage:
    if status == 429:
        return SyncMessage("server_busy")
    if status == 408:
        return SyncMessage("server_timeout")
    return SyncMessage("server_trouble", {"status": status}, detail)


def unexpected_answer(status: int) -> SyncMessage:
    return SyncMessage("unexpected_answer", {"status": status})


def refused(status: int, detail: str) -> SyncMessage:
    """A permanent failure: the server will not take this session as it is."""
    if status in (400, 403, 404, 409, 413):
        return SyncMessage(f"refused_{status}", {}, detail)
    return SyncMessage("refused", {"status": status}, detail)


def sessions_refused(count: int) -> SyncMessage:
    return SyncMessage(
        "sessions_refused_one" if count == 1 else "sessions_refused_other", {"count": count}
    )
