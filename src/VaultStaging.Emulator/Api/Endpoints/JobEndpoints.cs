using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Api.Endpoints;

/// <summary><c>GET /services/jobs/{id}</c>.</summary>
internal static class JobEndpoints
{
    public static Task<ApiResult> StatusAsync(ApiRequest request)
    {
        if (!long.TryParse(request.Tail[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "Job id must be a number.");
        }

        var jobs = request.Emulator.Jobs;
        var job = jobs.Poll(id, request.User);
        var status = jobs.StatusOf(job);
        var data = new JsonObject
        {
            ["id"] = job.Id,
            ["status"] = status,
            ["method"] = job.Method,
            ["title"] = "File Staging " + job.Kind,
            ["links"] = new JsonArray(new JsonObject
            {
                ["rel"] = "self",
                ["href"] = request.JobUrl(job.Id),
                ["method"] = "GET",
                ["accept"] = "application/json",
            }),
            ["created_by"] = job.CreatedBy,
            ["created_date"] = ApiRequest.FormatDate(job.Created),
        };
        if (status != "QUEUED")
        {
            data["run_start_date"] = ApiRequest.FormatDate(job.Created);
        }

        if (job.Finished)
        {
            data["run_end_date"] = ApiRequest.FormatDate(job.Finish ?? job.Due);
        }

        return Task.FromResult<ApiResult>(new JsonResult(Envelope.Success(data)));
    }
}
