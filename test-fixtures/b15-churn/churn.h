/* b15-churn: the module edited a thousand times. */
#ifndef CHURN_H
#define CHURN_H

int churn_value(void);

#endif
