// How an action outside a form reports (a row's Delete, a toggle): a success toast and a refetch,
// or the failure as an error toast in the reader's language. Pass the result to useMutation.
import { useI18n } from '../i18n';
import { actionErrorText, type ErrorOptions } from './form/messages';
import { useToast } from './toast';

export function useActionFeedback() {
  const { t } = useI18n();
  const toast = useToast();
  return (success: string, refresh: () => Promise<unknown>, codes?: ErrorOptions['codes']) => ({
    onSuccess: () => {
      toast.success(success);
      return refresh();
    },
    onError: (err: unknown) => toast.error(actionErrorText(t, err, { codes })),
  });
}
