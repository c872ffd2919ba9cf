{{/* Chart name, overridable. */}}
{{- define "atrium.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, plus the chart name unless already in it. */}}
{{- define "atrium.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "atrium.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "atrium.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "atrium.selectorLabels" -}}
app.kubernetes.io/name: {{ include "atrium.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* "true" when more than one pod may serve at once (fixed replicas or an autoscaler). */}}
{{- define "atrium.multiReplica" -}}
{{- if or (gt (int .Values.replicaCount) 1) (and .Values.autoscaling.enabled (gt (int .Values.autoscaling.maxReplicas) 1)) -}}
true
{{- end }}
{{- end }}

{{/* The Secret holding ATRIUM_DB_PASSWORD, ATRIUM_AUTH_JWT_SECRET, ATRIUM_OPERATOR_PASSWORD. */}}
{{- define "atrium.secretName" -}}
{{- default (include "atrium.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* Whether the chart renders its own Secret: no existing one named and at least one value given. */}}
{{- define "atrium.createSecret" -}}
{{- if and (not .Values.secrets.existingSecret) (or .Values.database.password .Values.secrets.jwtSecret .Values.secrets.operatorPassword) -}}
true
{{- end }}
{{- end }}

{{- define "atrium.terminationGracePeriodSeconds" -}}
{{- $min := add (int .Values.preStopSleepSeconds) (int .Values.atrium.shutdownTimeoutSeconds) }}
{{- if eq (int .Values.terminationGracePeriodSeconds) 0 }}
{{- add $min 15 }}
{{- else if le (int .Values.terminationGracePeriodSeconds) $min }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be greater than preStopSleepSeconds + atrium.shutdownTimeoutSeconds (%d), or in-flight requests are killed on shutdown" (int .Values.terminationGracePeriodSeconds) $min) }}
{{- else }}
{{- int .Values.terminationGracePeriodSeconds }}
{{- end }}
{{- end }}

{{/*
Configurations the server cannot run correctly with; rendering fails with the reason.
*/}}
{{- define "atrium.validate" -}}
{{- if not (has .Values.metrics.access (list "management" "operator" "public")) }}
{{- fail "metrics.access must be management, operator or public." }}
{{- end }}
{{- if and (eq .Values.metrics.access "management") (eq (int .Values.metrics.port) (int .Values.atrium.httpPort)) }}
{{- fail "metrics.port must differ from atrium.httpPort: the management port serves only /metrics." }}
{{- end }}
{{- $multi := include "atrium.multiReplica" . }}
{{- if and $multi .Values.persistence.enabled }}
{{- fail "persistence.enabled keeps the embedded H2 database on one volume: it works only with replicaCount 1 and no autoscaling. For several replicas set database.url to PostgreSQL and persistence.enabled=false." }}
{{- end }}
{{- if and $multi (not .Values.database.url) }}
{{- fail "Several replicas need a shared database: set database.url to PostgreSQL (jdbc:postgresql://...). The embedded H2 database lives inside one pod." }}
{{- end }}
{{- if and $multi (not .Values.secrets.jwtSecret) (not .Values.secrets.existingSecret) }}
{{- fail "Several replicas need one dashboard JWT secret: set secrets.jwtSecret (32+ characters) or secrets.existingSecret with key ATRIUM_AUTH_JWT_SECRET. Otherwise each pod generates its own and rejects the others' sessions." }}
{{- end }}
{{- if and .Values.secrets.jwtSecret (lt (len .Values.secrets.jwtSecret) 32) }}
{{- fail "secrets.jwtSecret must be at least 32 characters." }}
{{- end }}
{{- if and .Values.atrium.operatorEmail (not .Values.secrets.operatorPassword) (not .Values.secrets.existingSecret) }}
{{- fail "atrium.operatorEmail is set: set secrets.operatorPassword (8+ characters) or secrets.existingSecret with key ATRIUM_OPERATOR_PASSWORD; the server refuses to start without it." }}
{{- end }}
{{- end }}
