## The activity ledger
activity-heading = Su actividad reciente
activity-none = Nada registrado todavía: aquí aparecen los grupos a los que se une, sus turnos de facilitación, sus registros de avance y sus informes.
activity-api-hint = Su registro completo, en JSON:
activity-kind-joined = Se unió
activity-kind-facilitated = Facilitó
activity-kind-attended = Asistió
activity-kind-hours = Registró horas
activity-kind-update = Publicó un informe
activity-kind-check-in = Registró un avance
activity-kind-initiative = Iniciativa
activity-kind-event = Evento
activity-kind-contribution = Contribución
activity-kind-commit = Commit
error-invalid-source-id = Se necesita un identificador de origen, sin espacios alrededor, de 200 caracteres como máximo.
error-invalid-detail = El detalle debe ser un objeto JSON pequeño.
error-invalid-source = Este origen no es conocido.
