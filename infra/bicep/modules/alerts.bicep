metadata description = 'The notify action group (email) and, per model, log alert rules on Application Insights: p95 latency, error rate, no predictions (outage), drift. Each carries customProperties.model.'

param notifyGroupName string
param tags object
param location string
param applicationInsightsId string

@description('Who is mailed when any alert fires.')
param alertEmails string[]

@description('Resource id of the rollback webhook action group, or empty when it does not exist yet (first provision).')
param rollbackGroupId string

@description('Models to watch. Each gets its own rules, so the alert names the model (customProperties.model) for the rollback function.')
param models string[]

@description('p95 latency of predict/infer above this (ms) over the window fires (and rolls back).')
param p95LatencyMs int

@description('Share of 5xx responses above this (percent) over the window fires (and rolls back).')
param errorRatePercent int

@description('No prediction at all for this many minutes fires (notify only: a rollback cannot fix missing traffic).')
param outageMinutes int

@description('Largest per-feature PSI above this fires (notify only: the drift monitor starts retraining itself).')
param driftThreshold string

@description('Instrument the drift monitor records PSI on (docs/monitoring.md).')
param driftMetricName string

resource notify 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: notifyGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'mlnotify'
    enabled: true
    emailReceivers: [
      for (email, i) in alertEmails: { name: 'email-${i}', emailAddress: email, useCommonAlertSchema: true }
    ]
  }
}

var rollbackGroups = empty(rollbackGroupId) ? [notify.id] : [notify.id, rollbackGroupId]
var scoringRequests = 'requests | where (name has "predict" or name has "infer")'

// kind: what the rule watches; rollsBack: whether the webhook (automatic rollback) is called as well as email.
var rules = [
  {
    kind: 'latency'
    severity: 2
    window: 'PT5M'
    query: '${scoringRequests} and url has "/models/{model}/" | summarize p95 = percentile(duration, 95)'
    column: 'p95'
    operator: 'GreaterThan'
    threshold: p95LatencyMs
    rollsBack: true
  }
  {
    kind: 'errors'
    severity: 1
    window: 'PT5M'
    query: 'requests | where url has "/models/{model}/" | summarize errorRate = iff(count() == 0, 0.0, 100.0 * countif(toint(resultCode) >= 500) / count())'
    column: 'errorRate'
    operator: 'GreaterThan'
    threshold: errorRatePercent
    rollsBack: true
  }
  {
    kind: 'outage'
    severity: 1
    window: 'PT${outageMinutes}M'
    query: '${scoringRequests} and url has "/models/{model}/" | summarize predictions = count()'
    column: 'predictions'
    operator: 'LessThan'
    threshold: 1
    rollsBack: false
  }
  {
    kind: 'drift'
    severity: 3
    window: 'PT1H'
    query: 'customMetrics | where name == "${driftMetricName}" and tostring(customDimensions["model.name"]) == "{model}" | summarize psi = max(valueMax)'
    column: 'psi'
    operator: 'GreaterThan'
    threshold: json(driftThreshold)
    rollsBack: false
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for pair in flatten(map(models, model => map(rules, rule => { model: model, rule: rule }))): {
    name: 'alert-${pair.model}-${pair.rule.kind}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: '${pair.model}: ${pair.rule.kind}'
      description: 'docs/runbook.md#alert-${pair.rule.kind}'
      severity: pair.rule.severity
      enabled: true
      scopes: [applicationInsightsId]
      evaluationFrequency: 'PT5M'
      windowSize: pair.rule.window
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: replace(pair.rule.query, '{model}', pair.model)
            timeAggregation: 'Maximum'
            metricMeasureColumn: pair.rule.column
            operator: pair.rule.operator
            threshold: pair.rule.threshold
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      actions: {
        actionGroups: pair.rule.rollsBack ? rollbackGroups : [notify.id]
        // What the rollback function reads to know which model to act on (protocols.md, common alert schema).
        customProperties: { model: pair.model, alert: pair.rule.kind }
      }
    }
  }
]

output notifyGroupId string = notify.id
